"""The read-only JSON API (written next)."""

app_name = "api"
urlpatterns = []
