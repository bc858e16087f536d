app_name = "partners"

# Pages arrive with the partners issue; the prefix is reserved in campaign/urls.py.
urlpatterns: list = []
