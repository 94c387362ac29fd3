/* sc-lint.h: the confidentiality checker for inspectors' free text
 *
 * Copyright 2026 The Scrutineer authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * An inspection keeps no identifying information: records are referred to by
 * pseudonymous references. sc_lint_check() points at the parts of a text that
 * look like they identify someone (names, telephone numbers, dates of birth,
 * postcodes, health and National Insurance numbers, e-mail addresses) so the
 * inspector can reword them before the note is saved or exported.
 *
 * Offsets are in bytes into the text given, END exclusive. The text should be
 * UTF-8; bytes that are not valid UTF-8 are read as separators, scanning goes
 * on past them, and no finding ever starts, ends or lies across one.
 */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

typedef enum
{
  SC_LINT_NAME,      /* a person's name */
  SC_LINT_PHONE,     /* a UK telephone number */
  SC_LINT_DOB,       /* a date given as a date of birth */
  SC_LINT_POSTCODE,  /* a full UK postcode */
  SC_LINT_ID_NUMBER, /* NHS, CHI or National Insurance number */
  SC_LINT_EMAIL,     /* an e-mail address */
} ScLintKind;

typedef struct
{
  ScLintKind kind;
  gsize start;        /* first byte */
  gsize end;          /* one past the last byte */
  const char *reason; /* why it was flagged, translated; static */
} ScLintFinding;

/* Checks LENGTH bytes of TEXT (all of it up to the first NUL when LENGTH is
 * negative). Returns ScLintFinding*, ordered by start and never overlapping;
 * empty when nothing looks identifying. Free with g_ptr_array_unref(). */
GPtrArray  *sc_lint_check (const char *text,
                           gssize      length);

/* "name", "phone", "dob", "postcode", "id-number" or "email": the names used
 * by `scrutineer-cli lint --json`. */
const char *sc_lint_kind_to_string (ScLintKind kind);

G_END_DECLS
