from django.conf import settings
from django.conf.urls.i18n import i18n_patterns
from django.urls import include, path
from wagtail import urls as wagtail_urls
from wagtail.admin import urls as wagtailadmin_urls
from wagtail.api.v2.router import WagtailAPIRouter
from wagtail.api.v2.views import PagesAPIViewSet
from wagtail.api.v3.urls import api as wagtail_api_v3
from wagtail.documents import urls as wagtaildocs_urls
from wagtail.documents.api.v2.views import DocumentsAPIViewSet
from wagtail.images.api.v2.views import ImagesAPIViewSet

from wagtail_osce.wagtail_api.v2 import register_v2_endpoints
from wagtail_osce.wagtail_api.v3 import register_v3_endpoints

# Wagtail's own APIs serve the same representations as the package's API.
wagtail_api_v2 = WagtailAPIRouter("wagtailapi_v2")
wagtail_api_v2.register_endpoint("pages", PagesAPIViewSet)
wagtail_api_v2.register_endpoint("images", ImagesAPIViewSet)
wagtail_api_v2.register_endpoint("documents", DocumentsAPIViewSet)
register_v2_endpoints(wagtail_api_v2)
register_v3_endpoints(wagtail_api_v3)

urlpatterns = [
    path("admin/", include(wagtailadmin_urls)),
    path("documents/", include(wagtaildocs_urls)),
    path("api/osce/", include("wagtail_osce.api.urls")),
    path("api/v2/", wagtail_api_v2.urls),
    path("api/v3/", wagtail_api_v3.urls),
]

if settings.DEBUG:
    from django.conf.urls.static import static
    from django.contrib.staticfiles.urls import staticfiles_urlpatterns

    urlpatterns += staticfiles_urlpatterns()
    urlpatterns += static(settings.MEDIA_URL, document_root=settings.MEDIA_ROOT)

urlpatterns += i18n_patterns(
    path("", include(wagtail_urls)),
    prefix_default_language=False,
)
