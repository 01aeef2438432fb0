"""An Atom feed of newly published or changed events, for any filtered view."""

from django.contrib.syndication.views import Feed
from django.urls import reverse
from django.utils.feedgenerator import Atom1Feed
from django.utils.html import linebreaks

from dialogue import selectors, site
from dialogue.query import EventQuery


class EventFeed(Feed):
    feed_type = Atom1Feed
    title = "Japan–South Korea security dialogue: new and changed events"
    subtitle = "Each event with the passage of the article that reports it."

    def get_object(self, request):
        self.request = request  # the feed's links are absolute, on the site's own origin
        return EventQuery.from_request(request)

    def link(self, query):
        return site.absolute(self.request, reverse("dialogue:timeline"))

    def feed_url(self, query):
        return site.absolute(self.request, self.request.get_full_path())

    def item_link(self, event):
        return site.absolute(self.request, event.get_absolute_url())

    def items(self, query):
        return selectors.latest_events(query, 50)

    def item_title(self, event):
        return f"{event.title} ({event.date_display})"

    def item_description(self, event):
        """Atom marks the summary as HTML: the text is escaped so it reads as text."""
        passages = "\n".join(c.line for c in event.citations.all())
        return linebreaks(f"{event.summary}\n\n{passages}".strip(), autoescape=True)

    def item_pubdate(self, event):
        return event.created_at

    def item_updateddate(self, event):
        return event.updated_at

    def item_guid(self, event):
        return f"tag:dialogue-timeline,2025:event-{event.pk}"

    def item_categories(self, event):
        return [t.name for t in event.topics.all()]
