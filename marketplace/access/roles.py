"""The roles of Polku. Each is a Django group of the same name."""

from django.utils.translation import gettext_lazy as _

CLIENT = "client"
INSTRUCTOR = "instructor"
SUPERVISOR = "supervisor"
POSTER = "poster"
ORGANISER = "organiser"
PLATFORM_ADMIN = "platform_admin"

ALL = (CLIENT, INSTRUCTOR, SUPERVISOR, POSTER, ORGANISER, PLATFORM_ADMIN)

LABELS = {
    CLIENT: _("Client"),
    INSTRUCTOR: _("Social instructor"),
    SUPERVISOR: _("Site supervisor"),
    POSTER: _("Job poster"),
    ORGANISER: _("Organiser"),
    PLATFORM_ADMIN: _("Platform admin"),
}

#: Roles whose members work in the Wagtail admin (editing pages, moderating).
ADMIN_ROLES = (SUPERVISOR, ORGANISER, PLATFORM_ADMIN)
#: Roles an organiser may give to users of their region.
ASSIGNABLE_BY_ORGANISER = (CLIENT, INSTRUCTOR, SUPERVISOR, POSTER, ORGANISER)
