"""Pages as the headless API shows them: built from the shared representations, with API links and the request's site."""
