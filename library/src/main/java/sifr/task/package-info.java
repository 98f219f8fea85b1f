/** Structured concurrency on virtual threads: scopes, deadlines and cancellation for network operations. */
package sifr.task;
