"""Settings of the servers that the multi-process tests start (tests/ops/servers.py):
the test settings (the test database, MD5 password hashes of the factories' users)
with the task queue in the database and the login lockout on, as in production."""

from config.settings.test import *  # noqa: F403

TASKS = {
    "default": {"BACKEND": "django_tasks_db.DatabaseBackend", "QUEUES": ["default"]}
}
AXES_ENABLED = True
