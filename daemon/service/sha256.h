/* SHA-256 (FIPS 180-4) of a buffer, as 64 lower-case hex digits: the content
 * hash that records which articles the journal has ingested. */
#ifndef HERALD_SHA256_H
#define HERALD_SHA256_H

#include <stddef.h>

#define SHA256_HEX_SIZE 65

void sha256_hex(const void *data, size_t len, char out[SHA256_HEX_SIZE]);

#endif
