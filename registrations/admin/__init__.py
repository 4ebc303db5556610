"""The review committee's screens in the Wagtail admin (viewsets, action views, dashboard panel).

Registered from ``registrations/wagtail_hooks.py``. Django's own admin also imports this package
by name; it defines nothing for it.
"""
