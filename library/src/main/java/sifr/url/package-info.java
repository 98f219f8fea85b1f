/** WHATWG URLs: parsing, serialization, setters, form-urlencoded queries and IDNA. */
package sifr.url;
