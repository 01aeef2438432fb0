from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class DialogueConfig(AppConfig):
    name = "dialogue"
    verbose_name = _("Security dialogue timeline")

    def ready(self):
        from dialogue import signals  # noqa: F401 - connects the receivers
