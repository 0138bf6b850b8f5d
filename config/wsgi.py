from __future__ import annotations

import os

from django.core.wsgi import get_wsgi_application

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings")
application = get_wsgi_application()

# gunicorn preloads this module in its master (gunicorn.conf.py): warm up once, before the fork.
from imgpath.core.warmup import warm_up  # noqa: E402

warm_up()
