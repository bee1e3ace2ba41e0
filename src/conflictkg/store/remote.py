"""Running a query on a SPARQL 1.1 endpoint, with SPARQLWrapper."""
from __future__ import annotations

from .queries import QueryError, Result, form, from_json


def run_remote(sparql: str, endpoint: str, *, timeout: float = 30, user: str | None = None,
               password: str | None = None, auth: str = "basic") -> Result:
    """Run on a SPARQL 1.1 endpoint with SPARQLWrapper: POST, JSON results, a real timeout."""
    import warnings
    from urllib.error import HTTPError, URLError

    from SPARQLWrapper import BASIC, DIGEST, JSON, POST, SPARQLWrapper
    from SPARQLWrapper.SPARQLExceptions import SPARQLWrapperException

    sw = SPARQLWrapper(endpoint)
    # The text goes as it is, comments and all. SPARQLWrapper guesses the query form from words anywhere in
    # it, comments too ("adds" reads as ADD): the form read outside comments and strings replaces its guess.
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", RuntimeWarning)  # its "unknown query type": we say which below
        sw.setQuery(sparql)
    sw.queryType = form(sparql) or sw.queryType
    sw.setMethod(POST)
    sw.setReturnFormat(JSON)
    sw.setTimeout(int(timeout))
    if user is not None:
        sw.setHTTPAuth(DIGEST if auth == "digest" else BASIC)
        sw.setCredentials(user, password or "")
    try:
        data = sw.query().convert()
    except HTTPError as e:  # codes SPARQLWrapper does not map (e.g. 403, 422, 503): the body says why
        raise QueryError(f"the endpoint refused the query (HTTP {e.code}): {_first_line(e.read()) or e.reason}",
                         file=endpoint) from None
    except SPARQLWrapperException as e:
        detail = _first_line(getattr(e, "response", None) or b"")
        raise QueryError(f"the endpoint refused the query: {str(e).strip().splitlines()[0][:300]}"
                         + (f" ({detail})" if detail else ""), file=endpoint) from None
    except (URLError, TimeoutError, OSError) as e:
        reason = getattr(e, "reason", e)
        raise QueryError(f"cannot reach the endpoint or it timed out after {timeout:g} s: {reason}",
                         file=endpoint, fix="check the URL, that the server runs, or raise --timeout") from None
    return from_json(data)


def _first_line(body: bytes | str) -> str:
    text = body.decode("utf-8", "replace") if isinstance(body, bytes) else str(body)
    return (text.strip().splitlines() or [""])[0][:300]
