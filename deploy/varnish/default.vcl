# Varnish in front of the Citizen Diplomat CMS (gunicorn).
#
# Caches what the application marks `Cache-Control: public` (GraphQL GET queries of public
# content, the site's pages, the REST API) and nothing else. The application purges:
#   - by tag:  PURGE / with header `xkey-purge: page:12 type:cities.sistercitypage …`
#              (cms/http_cache.py, sent to every URL in HTTP_CACHE_PURGE_URLS)
#   - by URL:  PURGE /en/cities/florence/ (Wagtail's frontend_cache, same setting)
# Needs Debian's `varnish` and `varnish-modules` (the xkey vmod).
# Run: varnishd -a 127.0.0.1:6081 -f /path/to/default.vcl -n /var/lib/varnish/cms
# The backend below is gunicorn on 127.0.0.1:8000; change it to yours.

vcl 4.1;

import std;
import xkey;

backend default {
    .host = "127.0.0.1";
    .port = "8000";
}

# Who may purge: the application servers only.
acl purgers {
    "127.0.0.1";
    "::1";
}

sub vcl_recv {
    if (req.method == "PURGE") {
        if (!client.ip ~ purgers) {
            return (synth(405, "Not allowed"));
        }
        if (req.http.xkey-purge) {
            set req.http.n-gone = xkey.purge(req.http.xkey-purge);
            return (synth(200, "Purged " + req.http.n-gone));
        }
        return (purge);
    }
    if (req.method != "GET" && req.method != "HEAD") {
        # Mutations, form posts: straight to the application, never stored.
        return (pass);
    }
    if (req.url ~ "^/(admin|register|en/register|[a-z-]+/register)(/|$)" || req.http.Authorization) {
        return (pass);
    }
    if (req.http.Cookie ~ "(^|;\s*)(sessionid|csrftoken)=") {
        # A signed-in editor or a citizen in the middle of a form: their own answers.
        return (pass);
    }
    # Anything else carries no cookie the application reads for public content.
    unset req.http.Cookie;
    return (hash);
}

sub vcl_backend_response {
    if (beresp.http.Cache-Control ~ "(private|no-store)" || beresp.http.Set-Cookie
        || beresp.http.Cache-Control !~ "public") {
        set beresp.uncacheable = true;
        set beresp.ttl = 120s;
        return (deliver);
    }
    # The application names what a response was built from; xkey indexes the `xkey` header.
    if (!beresp.http.xkey && beresp.http.Surrogate-Key) {
        set beresp.http.xkey = beresp.http.Surrogate-Key;
    }
    return (deliver);
}

sub vcl_deliver {
    if (obj.hits > 0) {
        set resp.http.X-Cache = "HIT";
    } else {
        set resp.http.X-Cache = "MISS";
    }
    # Tags are for caches, not for clients.
    unset resp.http.xkey;
}
