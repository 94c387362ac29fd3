/* sc-lint.c: the confidentiality checker: tokens, detectors, overlaps
 *
 * Copyright 2026 The Scrutineer authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "sc-lint-private.h"

#include <string.h>

#define INVALID_CHAR ((gunichar) -1)

const char *
sc_lint_kind_to_string (ScLintKind kind)
{
  switch (kind)
    {
    case SC_LINT_NAME:
      return "name";
    case SC_LINT_PHONE:
      return "phone";
    case SC_LINT_DOB:
      return "dob";
    case SC_LINT_POSTCODE:
      return "postcode";
    case SC_LINT_ID_NUMBER:
      return "id-number";
    case SC_LINT_EMAIL:
      return "email";
    default:
      g_return_val_if_reached (NULL);
    }
}

void
sc_lint_add (ScLintScan *scan,
             ScLintKind  kind,
             gsize       start,
             gsize       end,
             const char *reason)
{
  ScLintFinding *finding = g_new (ScLintFinding, 1);

  g_assert (start < end && end <= scan->length);
  finding->kind = kind;
  finding->start = start;
  finding->end = end;
  finding->reason = reason;
  g_ptr_array_add (scan->findings, finding);
}

/* Tokens */

/* The character at POS and where the next one starts. A byte that does not
 * begin a valid, complete UTF-8 sequence is INVALID_CHAR, one byte long. */
static inline gunichar
decode (const char *text,
        gsize       length,
        gsize       pos,
        gsize      *next)
{
  guchar byte = (guchar) text[pos];
  gunichar c;

  if (byte < 0x80)
    {
      *next = pos + 1;
      return byte;
    }
  c = g_utf8_get_char_validated (text + pos, length - pos);
  if (c == (gunichar) -1 || c == (gunichar) -2)
    {
      *next = pos + 1;
      return INVALID_CHAR;
    }
  *next = pos + g_utf8_skip[byte];
  return c;
}

static inline gboolean
is_letter (gunichar c)
{
  if (c < 0x80)
    return g_ascii_isalpha (c);
  return g_unichar_isalpha (c) || g_unichar_ismark (c);
}

static inline gboolean
is_word_char (gunichar c)
{
  if (c < 0x80)
    return g_ascii_isalnum (c);
  return c != INVALID_CHAR && (g_unichar_isalnum (c) || g_unichar_ismark (c));
}

/* Apostrophes and hyphens join letters into one word: "O'Neill", "Smith-Jones". */
static inline gboolean
is_joiner (gunichar c)
{
  return c == '\'' || c == '-' || c == 0x2019 || c == 0x2010 || c == 0x2011;
}

static inline gboolean
is_newline (gunichar c)
{
  return c == '\n' || c == '\r' || c == 0x85 || c == 0x2028 || c == 0x2029;
}

static inline gboolean
is_space (gunichar c)
{
  if (c < 0x80)
    return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f' || c == '\v';
  return c != INVALID_CHAR && g_unichar_isspace (c);
}

/* Reads the word that starts at POS into TOKEN; returns where it ends. */
static gsize
read_word (const ScLintScan *scan,
           gsize             pos,
           Token            *token)
{
  gboolean letters = FALSE, digits = FALSE;
  gunichar prev = 0;
  guint chars = 0;
  gsize next;

  while (pos < scan->length)
    {
      gunichar c = decode (scan->text, scan->length, pos, &next);

      if (!is_word_char (c))
        {
          gsize after;

          if (!is_joiner (c) || !is_letter (prev) || next >= scan->length
              || !is_letter (decode (scan->text, scan->length, next, &after)))
            break;
        }
      else if (is_letter (c))
        {
          gboolean upper = c < 0x80 ? g_ascii_isupper (c)
                                    : g_unichar_isupper (c) || g_unichar_istitle (c);

          letters = TRUE;
          if (chars == 0 && upper)
            token->flags |= TOKEN_UPPER_FIRST;
          if (upper)
            token->flags |= TOKEN_HAS_UPPER;
          else if (c < 0x80 || g_unichar_islower (c))
            token->flags |= TOKEN_HAS_LOWER;
        }
      else
        digits = TRUE;
      prev = c;
      chars++;
      pos = next;
    }
  token->type = letters && digits ? TOKEN_MIXED : letters ? TOKEN_WORD : TOKEN_NUMBER;
  if (chars == 1)
    token->flags |= TOKEN_SINGLE_CHAR;
  return pos;
}

static void
tokenize (ScLintScan *scan)
{
  gsize pos = 0;
  guint8 pending = 0;

  while (pos < scan->length)
    {
      Token token = { pos, 0, TOKEN_OTHER, 0 };
      gsize next;
      gunichar c = decode (scan->text, scan->length, pos, &next);

      if (is_space (c))
        {
          pending |= TOKEN_SPACE_BEFORE | (is_newline (c) ? TOKEN_NEWLINE_BEFORE : 0);
          pos = next;
          continue;
        }
      token.flags = pending;
      pending = 0;
      if (is_word_char (c))
        next = read_word (scan, pos, &token);
      else
        token.flags |= TOKEN_SINGLE_CHAR | (c == INVALID_CHAR ? TOKEN_INVALID : 0);
      token.end = next;
      g_array_append_val (scan->tokens, token);
      pos = next;
    }
}

gboolean
sc_lint_token_spaced (const ScLintScan *scan,
                      guint             i)
{
  guint8 flags;

  if (i == 0 || i >= scan->tokens->len)
    return FALSE;
  flags = SCAN_TOKEN (scan, i)->flags;
  return (flags & TOKEN_SPACE_BEFORE) && !(flags & TOKEN_NEWLINE_BEFORE);
}

gboolean
sc_lint_token_attached (const ScLintScan *scan,
                        guint             i)
{
  return i > 0 && i < scan->tokens->len && !(SCAN_TOKEN (scan, i)->flags & TOKEN_SPACE_BEFORE);
}

gboolean
sc_lint_token_key (const ScLintScan *scan,
                   guint             i,
                   char             *buf,
                   gsize             size)
{
  const Token *token = SCAN_TOKEN (scan, i);
  const char *start = scan->text + token->start;
  gsize n = token->end - token->start;
  gboolean ascii = TRUE;

  if (n >= 2 && start[n - 2] == '\'' && start[n - 1] == 's')
    n -= 2;
  else if (n >= 4 && memcmp (start + n - 4, "\xe2\x80\x99s", 4) == 0)
    n -= 4;
  for (gsize k = 0; k < n && ascii; k++)
    ascii = (guchar) start[k] < 0x80;
  if (ascii)
    {
      if (n >= size)
        return FALSE;
      for (gsize k = 0; k < n; k++)
        buf[k] = g_ascii_tolower (start[k]);
      buf[n] = '\0';
    }
  else
    {
      g_autofree char *down = g_utf8_strdown (start, n);

      if (strlen (down) >= size)
        return FALSE;
      strcpy (buf, down);
    }
  return TRUE;
}

guint
sc_lint_token_at (const ScLintScan *scan,
                  gsize             offset)
{
  guint lo = 0, hi = scan->tokens->len;

  while (lo < hi)
    {
      guint mid = lo + (hi - lo) / 2;

      if (SCAN_TOKEN (scan, mid)->start < offset)
        lo = mid + 1;
      else
        hi = mid;
    }
  return lo;
}

/* Overlaps */

static int
compare_findings (gconstpointer a,
                  gconstpointer b)
{
  const ScLintFinding *x = *(ScLintFinding * const *) a;
  const ScLintFinding *y = *(ScLintFinding * const *) b;

  if (x->start != y->start)
    return x->start < y->start ? -1 : 1;
  if (x->end != y->end)
    return x->end > y->end ? -1 : 1;
  return (int) x->kind - (int) y->kind;
}

/* Detectors may see the same bytes differently (a name inside an e-mail
 * address); where findings overlap, the longer one stands for both. Takes
 * FOUND, which owns nothing, and returns the findings kept. */
static GPtrArray *
settle_overlaps (GPtrArray *found)
{
  GPtrArray *kept = g_ptr_array_new_full (found->len, g_free);

  g_ptr_array_sort (found, compare_findings);
  for (guint i = 0; i < found->len; i++)
    {
      ScLintFinding *f = g_ptr_array_index (found, i);
      ScLintFinding *last = kept->len > 0 ? g_ptr_array_index (kept, kept->len - 1) : NULL;

      if (last != NULL && f->start < last->end)
        {
          if (f->end - f->start > last->end - last->start)
            {
              kept->pdata[kept->len - 1] = f;
              f = last;
            }
          g_free (f);
          continue;
        }
      g_ptr_array_add (kept, f);
    }
  g_ptr_array_unref (found);
  return kept;
}

GPtrArray *
sc_lint_check (const char *text,
               gssize      length)
{
  ScLintScan scan;

  g_return_val_if_fail (text != NULL || length <= 0, NULL);

  scan.text = text != NULL ? text : "";
  scan.length = length < 0 ? strlen (scan.text) : (gsize) length;
  scan.tokens = g_array_sized_new (FALSE, FALSE, sizeof (Token), scan.length / 4 + 16);
  scan.findings = g_ptr_array_new ();

  tokenize (&scan);
  sc_lint_find_emails (&scan);
  sc_lint_find_numbers (&scan);
  sc_lint_find_dates_of_birth (&scan);
  sc_lint_find_names (&scan);

  g_array_unref (scan.tokens);
  return settle_overlaps (scan.findings);
}
