from django.apps import AppConfig


class DialogueConfig(AppConfig):
    name = "dialogue"
    verbose_name = "Security dialogue timeline"

    def ready(self):
        from dialogue import signals  # noqa: F401 - connects the receivers
