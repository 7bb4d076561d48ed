"""WSGI entry point (gunicorn config.wsgi).

Web workers rank one client at a time: BLAS and OpenMP get one thread each, so that
several workers on a small machine do not fight over cores (set before numpy loads).
"""

import os

for _var in ("OMP_NUM_THREADS", "OPENBLAS_NUM_THREADS", "MKL_NUM_THREADS"):
    os.environ.setdefault(_var, "1")

from django.core.wsgi import get_wsgi_application  # noqa: E402

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings.production")
application = get_wsgi_application()
