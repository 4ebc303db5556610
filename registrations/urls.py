"""The site's own registration pages (form, status, invitation answer)."""

app_name = "registrations"
urlpatterns: list = []
