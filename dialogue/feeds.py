"""An Atom feed of newly published or changed events, for any filtered view, in the language of
its address (/ja/feed.atom, /ko/feed.atom, English at /feed.atom): the feed says its language in
xml:lang, and an entry or a summary whose text is the English, for want of a translation, says
xml:lang="en"."""

from django.contrib.syndication.views import Feed
from django.urls import reverse
from django.utils.feedgenerator import Atom1Feed
from django.utils.html import linebreaks
from django.utils.translation import gettext, pgettext

from dialogue import exports, languages, selectors, site
from dialogue.query import EventQuery


class LanguageTaggedAtom1Feed(Atom1Feed):
    """Atom with xml:lang where an entry's text is not in the feed's language: on the entry for
    its title's, on the summary for its own when that differs again."""

    def item_attributes(self, item):
        attributes = super().item_attributes(item)
        if item["title_lang"] != self.feed["language"]:
            attributes["xml:lang"] = item["title_lang"]
        return attributes

    def add_item_elements(self, handler, item):
        # Django writes the summary with fixed attributes: it is written here instead (Atom
        # leaves the order of an entry's elements free).
        super().add_item_elements(handler, item | {"description": None})
        attributes = {"type": "html"}
        if item["summary_lang"] != item["title_lang"]:
            attributes["xml:lang"] = item["summary_lang"]
        handler.addQuickElement("summary", item["description"], attributes)


class EventFeed(Feed):
    feed_type = LanguageTaggedAtom1Feed

    def title(self):
        return gettext("Japan–South Korea security dialogue: new and changed events")

    def subtitle(self):
        return gettext("Each event with the passage of the article that reports it.")

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
        return pgettext("feed entry: an event's title and date", "%(title)s (%(date)s)") % {
            "title": languages.localized(event, "title").text,
            "date": event.date_display,
        }

    def item_description(self, event):
        """Atom marks the summary as HTML: the text is escaped so it reads as text."""
        passages = "\n".join(c.line for c in event.citations.all())
        summary = languages.localized(event, "summary").text
        return linebreaks(f"{summary}\n\n{passages}".strip(), autoescape=True)

    def item_extra_kwargs(self, event):
        """The languages of the entry's title and summary (see LanguageTaggedAtom1Feed)."""
        return {
            "title_lang": exports.language_of(languages.localized(event, "title")),
            "summary_lang": exports.language_of(languages.localized(event, "summary")),
        }

    def item_pubdate(self, event):
        return event.created_at

    def item_updateddate(self, event):
        return event.updated_at

    def item_guid(self, event):
        return f"tag:dialogue-timeline,2025:event-{event.pk}"

    def item_categories(self, event):
        return [t.name for t in event.topics.all()]
