/* CURVE keys for programs that link only libherald: a fresh key pair, and the
 * keys of a certificate written by herald keygen (or by CZMQ's zcert_save). */
#include <errno.h>
#include <string.h>
#include <zmq.h>

#include "error.h"
#include "herald/herald.h"
#include "internal/curve-cert.h"

int herald_curve_keypair(char public_key[41], char secret_key[41])
{
        if (!public_key || !secret_key)
                return error_set(HERALD_INVALID, "herald_curve_keypair: NULL key buffer");
        if (zmq_curve_keypair(public_key, secret_key) < 0)
                return error_set(HERALD_SYSTEM, "libzmq cannot make CURVE keys: %s", zmq_strerror(errno));
        return HERALD_OK;
}

int herald_curve_key_load(const char *key_or_path, char public_key[41], char secret_key[41])
{
        struct curve_cert cert;
        char why[256];

        if (!key_or_path || !public_key || !secret_key)
                return error_set(HERALD_INVALID, "herald_curve_key_load: NULL argument");
        if (curve_key_valid(key_or_path)) {
                memcpy(public_key, key_or_path, 41);
                secret_key[0] = '\0';
                return HERALD_OK;
        }
        if (curve_cert_read(key_or_path, &cert, why, sizeof(why)) < 0)
                return error_set(HERALD_INVALID, "'%s': %s", key_or_path, why);
        memcpy(public_key, cert.public_key, 41);
        memcpy(secret_key, cert.secret_key, 41);
        explicit_bzero(&cert, sizeof(cert));
        return HERALD_OK;
}
