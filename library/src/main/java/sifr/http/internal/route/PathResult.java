package sifr.http.internal.route;

/** What splitting a request path gave: the segments, a redirect to the clean path, or a bad path. */
public sealed interface PathResult permits PathSegments, PathSegments.Redirect, PathSegments.Bad {
}
