/* sc-identity.h: identity cards, enrolment and revocation
 *
 * Copyright 2026 The Scrutineer authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Every store has a device identity: an Ed25519 key that signs its bundles
 * and an X25519 key that bundles are sealed to, both made at `init` and kept
 * inside the encrypted store. An identity card (urn:scrutineer:identity:1) is
 * the public half, with the owner's name and member id, to hand to the rest
 * of the team. Trust is given only by enrolling a card here, after two people
 * have compared its fingerprint aloud; a bundle never enrols anyone.
 *
 * The fingerprint is the first 80 bits of BLAKE2b-256 (crypto_generichash,
 * unkeyed) over sign_key || box_key, read as four big-endian 20-bit numbers,
 * each taken modulo 100000 and written as five digits: "04211 93720 55018
 * 00342". Four groups of five digits are easy to read aloud and compare.
 */
#pragma once

#include <glib.h>

#include "sc-store.h"

G_BEGIN_DECLS

#define SC_IDENTITY_ERROR (sc_identity_error_quark ())

typedef enum
{
  SC_IDENTITY_ERROR_FAILED,
  SC_IDENTITY_ERROR_MALFORMED,   /* not a readable identity card */
  SC_IDENTITY_ERROR_KEYS_DIFFER, /* a known device id with other keys */
  SC_IDENTITY_ERROR_REVOKED,     /* the device was revoked here */
  SC_IDENTITY_ERROR_NOT_FOUND,   /* no such device */
  SC_IDENTITY_ERROR_ROLE,        /* not a role a device can be enrolled in */
  SC_IDENTITY_ERROR_SELF,        /* this device's own card */
  SC_IDENTITY_ERROR_NOT_ENROLLED,
} ScIdentityError;

#define SC_IDENTITY_KEY_BYTES 32

/* The longest card read: cards are a few hundred bytes. */
#define SC_IDENTITY_MAX_CARD (64 * 1024)

typedef struct
{
  char *device_id;
  char *member_id;  /* the owner's member row; NULL for a central store */
  gint64 member_rev; /* that row's revision when the card was made */
  char *name;
  char *role;       /* the owner's own role, as a hint */
  guint8 sign_key[SC_IDENTITY_KEY_BYTES];
  guint8 box_key[SC_IDENTITY_KEY_BYTES];
} ScIdentity;

GQuark sc_identity_error_quark (void);

void        sc_identity_free (ScIdentity *identity);
/* "12345 67890 12345 67890" */
char       *sc_identity_fingerprint (const ScIdentity *identity);
ScIdentity *sc_identity_parse (const char *data,
                               gsize       len,
                               GError    **error);
ScIdentity *sc_identity_load (const char *path,
                              GError    **error);
char       *sc_identity_to_xml (const ScIdentity *identity,
                                gsize            *len);
/* Written to a temporary file beside PATH, then renamed. */
gboolean    sc_identity_save (const ScIdentity *identity,
                              const char       *path,
                              GError          **error);

/* Roles a device can be enrolled in: the team roles, and "central" for the
 * central store (a device only, with no member row). */
gboolean    sc_identity_role_is_valid (const char *role);

/* This store's own card. */
ScIdentity *sc_store_get_identity (ScStore *store,
                                   GError **error);
/* Trusts CARD's device in ROLE: adds or updates its device row and, for a
 * team role, its owner's member row. A known device id with other keys, a
 * revoked device, or this device's own card are refused. UPDATED, when not
 * NULL, tells whether the device was already enrolled. Audited. */
gboolean    sc_store_enrol (ScStore          *store,
                            const ScIdentity *card,
                            const char       *role,
                            gboolean         *updated,
                            GError          **error);
/* sc_store_enrol(), then puts the card's owner in the team of INSPECTION in
 * ROLE, unless already there (JOINED tells), all in one transaction: a
 * member bundle is only accepted from a device of a member of the team.
 * SC_IDENTITY_ERROR_ROLE for a card with no member (a central store) or the
 * role "central". */
gboolean    sc_store_enrol_for_inspection (ScStore          *store,
                                           const ScIdentity *card,
                                           const char       *role,
                                           const char       *inspection,
                                           gboolean         *updated,
                                           gboolean         *joined,
                                           GError          **error);
/* Marks DEVICE revoked: its bundles are refused from now on. Audited. */
gboolean    sc_store_revoke_device (ScStore    *store,
                                    const char *device,
                                    GError    **error);
/* Checks that CARD is a device enrolled here, not revoked, with the same
 * keys: bundles are only sealed to devices this store trusts. */
gboolean    sc_store_check_recipient (ScStore          *store,
                                      const ScIdentity *card,
                                      GError          **error);

/* A device known to this store (sc-store-devices.c). */
typedef struct
{
  ScIdentity *card;  /* its keys, its owner's name, its role as enrolled here */
  char *device_name; /* the computer's own name */
  char *fingerprint;
  gboolean enrolled;
  gboolean revoked;
  gboolean is_self;  /* this store's own device */
} ScDeviceEntry;

void        sc_device_entry_free (ScDeviceEntry *entry);
/* ScDeviceEntry*, this device first, then by name: every device enrolled
 * here (revoked ones included), and with ALL the devices that bundles only
 * named too. */
GPtrArray  *sc_store_list_devices (ScStore  *store,
                                   gboolean  all,
                                   GError  **error);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (ScIdentity, sc_identity_free)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (ScDeviceEntry, sc_device_entry_free)

G_END_DECLS
