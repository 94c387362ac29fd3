/* sc-lint-private.h: the pieces the confidentiality checker is built from
 *
 * Copyright 2026 The Scrutineer authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * sc-lint.c cuts the text into tokens once; each detector then walks the
 * tokens (names, dates of birth) or parses the bytes at a token's start
 * (numbers, postcodes), and adds findings. Overlaps are settled at the end.
 */
#pragma once

#include "sc-lint.h"

#include <string.h>

G_BEGIN_DECLS

typedef enum
{
  TOKEN_WORD,   /* letters only, with inner apostrophes and hyphens: "O'Neill" */
  TOKEN_NUMBER, /* digits only */
  TOKEN_MIXED,  /* letters and digits: "EH1", "C2012" */
  TOKEN_OTHER,  /* one character of punctuation or symbol, or one invalid byte */
} TokenType;

enum
{
  TOKEN_SPACE_BEFORE = 1 << 0,   /* whitespace between this token and the one before */
  TOKEN_NEWLINE_BEFORE = 1 << 1, /* ... and it holds a line break */
  TOKEN_UPPER_FIRST = 1 << 2,    /* the first letter is upper or title case */
  TOKEN_HAS_LOWER = 1 << 3,      /* some letter is lower case */
  TOKEN_HAS_UPPER = 1 << 4,      /* some letter is upper case */
  TOKEN_SINGLE_CHAR = 1 << 5,    /* one character (may be several bytes) */
  TOKEN_INVALID = 1 << 6,        /* an invalid UTF-8 byte */
};

typedef struct
{
  gsize start;
  gsize end;
  guint8 type;  /* TokenType */
  guint8 flags;
} Token;

typedef struct
{
  const char *text;
  gsize length;
  GArray *tokens;      /* Token */
  GPtrArray *findings; /* ScLintFinding*, freed by hand until overlaps are settled */
} ScLintScan;

#define SCAN_TOKEN(scan, i) (&g_array_index ((scan)->tokens, Token, (i)))

void sc_lint_add (ScLintScan *scan,
                  ScLintKind  kind,
                  gsize       start,
                  gsize       end,
                  const char *reason);

/* Token helpers. The first two are inline so that strlen() of a literal
 * costs nothing: they run for nearly every token. */
static inline gboolean
sc_lint_token_is (const ScLintScan *scan,
                  guint             i,
                  const char       *ascii)
{
  gsize n = strlen (ascii);
  const Token *token;

  if (i >= scan->tokens->len)
    return FALSE;
  token = SCAN_TOKEN (scan, i);
  return token->end - token->start == n && memcmp (scan->text + token->start, ascii, n) == 0;
}

static inline gboolean
sc_lint_token_is_ci (const ScLintScan *scan,
                     guint             i,
                     const char       *ascii)
{
  gsize n = strlen (ascii);
  const Token *token;

  if (i >= scan->tokens->len)
    return FALSE;
  token = SCAN_TOKEN (scan, i);
  return token->end - token->start == n
         && g_ascii_strncasecmp (scan->text + token->start, ascii, n) == 0;
}

/* Token I exists and follows token I-1 after whitespace, on the same line. */
gboolean sc_lint_token_spaced (const ScLintScan *scan,
                               guint             i);
/* Token I exists and touches token I-1. */
gboolean sc_lint_token_attached (const ScLintScan *scan,
                                 guint             i);
/* The token's text in lower case, without a possessive "'s", into BUF;
 * FALSE if it does not fit. */
gboolean sc_lint_token_key (const ScLintScan *scan,
                            guint             i,
                            char             *buf,
                            gsize             size);
/* The index of the first token starting at or after OFFSET. */
guint    sc_lint_token_at (const ScLintScan *scan,
                           gsize             offset);

/* Word lists (sc-lint-words.c); KEY is lower case. */
enum
{
  WORD_GIVEN_NAME = 1 << 0,  /* a common UK given name */
  WORD_FUNCTION = 1 << 1,    /* a grammatical word: never a name */
  WORD_COMMON = 1 << 2,      /* an ordinary word of inspection text: not a surname */
  WORD_ACRONYM = 1 << 3,     /* an abbreviation written in capitals: "CAMHS" */
  WORD_INSTITUTION = 1 << 4, /* after a name, makes it a place: "University" */
  WORD_LETTER_LABEL = 1 << 5, /* before a single letter, makes it a label: "Plan B" */
  WORD_MONTH = 1 << 6,
  WORD_NAME_LABEL = 1 << 7,   /* before a colon, introduces a name: "Surname:" */
  WORD_PERSON_LABEL = 1 << 8, /* before a colon, introduces a person: "Mother:" */
};
guint sc_lint_word_class (const char *key);

/* Detectors */
void sc_lint_find_names (ScLintScan *scan);
void sc_lint_find_numbers (ScLintScan *scan);
void sc_lint_find_emails (ScLintScan *scan);
void sc_lint_find_dates_of_birth (ScLintScan *scan);

/* A date at byte POS (numeric, ISO or with a month name); returns the byte
 * after it, or 0. */
gsize sc_lint_parse_date (const ScLintScan *scan,
                          gsize             pos);

G_END_DECLS
