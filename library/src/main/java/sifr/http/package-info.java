/** Typed HTTP primitives (methods, statuses, headers, bodies, cookies) and HTTP/1.1 and HTTP/2 transport. */
package sifr.http;
