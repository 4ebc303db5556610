"""gunicorn configuration: `gunicorn -c deploy/gunicorn.conf.py` (the systemd unit does).

Every value can be overridden from the environment file (deploy/.env.example). Threads keep a
worker responsive while another request waits on the database; mail never blocks a request
(the task worker sends it).
"""

import multiprocessing
import os

wsgi_app = "cms.wsgi:application"
bind = os.environ.get("GUNICORN_BIND", "127.0.0.1:8000")
workers = int(os.environ.get("GUNICORN_WORKERS", str(multiprocessing.cpu_count() * 2 + 1)))
worker_class = "gthread"
threads = int(os.environ.get("GUNICORN_THREADS", "4"))
timeout = int(os.environ.get("GUNICORN_TIMEOUT", "30"))
graceful_timeout = 20
keepalive = 5
# Recycle workers now and then (bounded memory growth), not all at once.
max_requests = int(os.environ.get("GUNICORN_MAX_REQUESTS", "2000"))
max_requests_jitter = 200
# Only the local proxy may say the request was HTTPS (X-Forwarded-Proto); the client address
# comes from X-Forwarded-For through Django's TRUSTED_PROXIES, not from gunicorn.
forwarded_allow_ips = os.environ.get("GUNICORN_FORWARDED_ALLOW_IPS", "127.0.0.1,::1")
accesslog = os.environ.get("GUNICORN_ACCESSLOG", "-") or None  # empty: no access log
# gunicorn 27's control socket is one path per user: several instances would fight over it.
control_socket_disable = True
errorlog = "-"
access_log_format = '%({x-forwarded-for}i)s %(h)s "%(r)s" %(s)s %(b)s %(M)sms'


def post_worker_init(worker):
    """Once a worker has loaded the application, move everything it holds (Django, Wagtail,
    the URL and template machinery: long-lived objects) out of the garbage collector's sight
    (``gc.freeze``), so that its full collections walk only what requests create; with the
    whole startup heap in view, one of them cost as much as a 130-city query."""
    import gc

    gc.collect()
    gc.freeze()
