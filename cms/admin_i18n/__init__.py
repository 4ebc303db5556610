"""The Persian admin: Solar Hijri dates, Persian digits, Jalali and digit-tolerant inputs,
normalised search, ASCII slugs and named PO downloads.

A small Django app (listed before ``wagtail.admin`` so its template overrides win). Everything
here changes what Persian editors see and type in the Wagtail admin; nothing changes the data
model or the public site.
"""
