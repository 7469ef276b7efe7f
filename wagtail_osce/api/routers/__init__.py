"""One router per area of the API: snippets, navigation, pages, stories, meetings and search."""
