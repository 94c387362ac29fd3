/* sc-lint-numbers.c: telephone, health and National Insurance numbers,
 * postcodes and e-mail addresses
 *
 * Copyright 2026 The Scrutineer authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * All of these are ASCII, so each parser reads bytes from the start of a
 * token and returns the byte after what it recognised, or 0. Each is
 * bounded (a phone number reads at most six groups, an address part at most
 * 64 or 255 bytes), so the whole scan stays linear in the text's length.
 */
#include "sc-lint-private.h"

#include <glib/gi18n-lib.h>
#include <string.h>

#define MAX_PHONE_GROUPS 6
#define MAX_PHONE_DIGITS 13
#define MAX_LOCAL_PART 64
#define MAX_DOMAIN 255

static const char *reason_mobile = N_("a UK mobile number");
static const char *reason_phone = N_("a UK telephone number");
static const char *reason_nhs = N_("an NHS number: its check digit is right");
static const char *reason_chi = N_("a CHI number: ten digits starting with a date of birth");
static const char *reason_labelled = N_("a ten-digit number labelled NHS or CHI");
static const char *reason_ni = N_("a National Insurance number");
static const char *reason_postcode = N_("a full UK postcode");
static const char *reason_email = N_("an e-mail address");

static inline guchar
byte_at (const ScLintScan *scan,
         gsize             pos)
{
  return pos < scan->length ? (guchar) scan->text[pos] : '\0';
}

static gboolean
has_at (const ScLintScan *scan,
        gsize             pos,
        const char       *ascii)
{
  gsize n = strlen (ascii);

  return pos + n <= scan->length && memcmp (scan->text + pos, ascii, n) == 0;
}

/* Nothing that would carry the number or code on: no letter, no digit. */
static gboolean
ends_here (const ScLintScan *scan,
           gsize             pos)
{
  guchar c = byte_at (scan, pos);
  gunichar u;

  if (c < 0x80)
    return !g_ascii_isalnum (c);
  u = g_utf8_get_char_validated (scan->text + pos, scan->length - pos);
  return u == (gunichar) -1 || u == (gunichar) -2 || !g_unichar_isalnum (u);
}

/* Token I does not hang on to a word or number before it: "R-0042",
 * "C2012/17" and "5.2" are references, not the start of a number. */
static gboolean
starts_free (const ScLintScan *scan,
             guint             i)
{
  const Token *prev;

  if (i == 0 || (SCAN_TOKEN (scan, i)->flags & TOKEN_SPACE_BEFORE))
    return TRUE;
  prev = SCAN_TOKEN (scan, i - 1);
  if (prev->type != TOKEN_OTHER)
    return FALSE;
  if (byte_at (scan, prev->start) == '\0' || !strchr ("-/._", byte_at (scan, prev->start)))
    return TRUE;
  return i < 2 || (prev->flags & TOKEN_SPACE_BEFORE);
}

static guint
read_digits (const ScLintScan *scan,
             gsize             pos,
             char             *out,
             guint             have,
             guint             room)
{
  guint n = 0;

  while (g_ascii_isdigit (byte_at (scan, pos + n)))
    {
      if (have + n < room)
        out[have + n] = (char) byte_at (scan, pos + n);
      n++;
    }
  return n;
}

/* Telephone numbers */

/* DIGITS are the number without its leading 0 or +44: "7700900123". */
static const char *
phone_reason (const char *digits,
              guint       n)
{
  switch (digits[0])
    {
    case '7':
      return n == 10 ? reason_mobile : NULL;
    case '2':
      return n == 10 ? reason_phone : NULL;
    case '1':
      return n == 9 || n == 10 ? reason_phone : NULL;
    default:
      return NULL;
    }
}

/* "07700 900123", "0131-496-0000", "(0131) 496 0000", "+44 (0)7700 900123". */
static gsize
parse_phone (const ScLintScan  *scan,
             gsize              pos,
             const char       **reason)
{
  char digits[MAX_PHONE_DIGITS + 1];
  guint n = 0, groups = 0;
  gboolean paren = FALSE;
  gsize best = 0;

  if (has_at (scan, pos, "+44") || has_at (scan, pos, "0044"))
    {
      pos += byte_at (scan, pos) == '+' ? 3 : 4;
      if (byte_at (scan, pos) == ' ' || byte_at (scan, pos) == '-')
        pos++;
      if (has_at (scan, pos, "(0)"))
        pos += 3 + (byte_at (scan, pos + 3) == ' ');
    }
  else if (byte_at (scan, pos) == '0')
    pos++; /* the national 0 */
  else if (has_at (scan, pos, "(0"))
    {
      paren = TRUE;
      pos += 2;
    }
  else
    return 0;

  while (groups < MAX_PHONE_GROUPS)
    {
      guint got = read_digits (scan, pos, digits, n, MAX_PHONE_DIGITS);

      /* The first group of a national number has its 0 and at least two more. */
      if (got == 0 || (groups == 0 && got < 2 && !paren))
        break;
      n += got;
      pos += got;
      groups++;
      if (n > MAX_PHONE_DIGITS)
        break;
      if (paren)
        {
          if (byte_at (scan, pos) != ')')
            break;
          paren = FALSE;
          pos += 1 + (byte_at (scan, pos + 1) == ' ');
          continue;
        }
      if (ends_here (scan, pos) && phone_reason (digits, n) != NULL)
        {
          best = pos;
          *reason = phone_reason (digits, n);
        }
      if (strchr (" -.", byte_at (scan, pos)) != NULL && byte_at (scan, pos) != '\0'
          && g_ascii_isdigit (byte_at (scan, pos + 1)))
        pos++;
      else
        break;
    }
  return best;
}

/* NHS and CHI numbers */

/* The NHS modulus 11 check: weights 10 down to 2 on the first nine digits. */
static gboolean
nhs_check_digit_ok (const char *d)
{
  int sum = 0, check;

  for (int k = 0; k < 9; k++)
    sum += (d[k] - '0') * (10 - k);
  check = 11 - sum % 11;
  if (check == 11)
    check = 0;
  return check != 10 && check == d[9] - '0';
}

/* CHI numbers start with the date of birth as DDMMYY. */
static gboolean
chi_date_ok (const char *d)
{
  int day = (d[0] - '0') * 10 + d[1] - '0';
  int month = (d[2] - '0') * 10 + d[3] - '0';
  int year = (d[4] - '0') * 10 + d[5] - '0';

  if (month < 1 || month > 12 || day < 1)
    return FALSE;
  /* Either century may be meant: 00 allows 29 February (2000). */
  return day <= g_date_get_days_in_month (month, year % 4 == 0 ? 2000 : 2001);
}

/* "NHS number", "NHS no.", "CHI:" in the three tokens before token I. */
static gboolean
labelled_health_number (const ScLintScan *scan,
                        guint             i)
{
  for (guint k = i > 3 ? i - 3 : 0; k < i; k++)
    if (sc_lint_token_is_ci (scan, k, "nhs") || sc_lint_token_is_ci (scan, k, "chi"))
      return TRUE;
  return FALSE;
}

/* "9434765919", "943 476 5919", "943-476-5919", "010180 1234". */
static gsize
parse_health_number (const ScLintScan  *scan,
                     guint              i,
                     const char       **reason)
{
  gsize pos = SCAN_TOKEN (scan, i)->start;
  gboolean labelled = labelled_health_number (scan, i);
  char d[10];
  guint a = read_digits (scan, pos, d, 0, 10);
  guchar sep = byte_at (scan, pos + a);
  gsize end;

  if (a == 10)
    end = pos + 10;
  else if (a == 3 && (sep == ' ' || sep == '-') && read_digits (scan, pos + 4, d, 3, 10) == 3
           && byte_at (scan, pos + 7) == sep && read_digits (scan, pos + 8, d, 6, 10) == 4)
    end = pos + 12;
  else if (a == 6 && (sep == ' ' || sep == '-') && read_digits (scan, pos + 7, d, 6, 10) == 4)
    end = pos + 11;
  else
    return 0;
  if (!ends_here (scan, end))
    return 0;

  if (nhs_check_digit_ok (d))
    *reason = a == 6 && chi_date_ok (d) ? reason_chi : reason_nhs;
  else if (a == 10 && chi_date_ok (d))
    *reason = reason_chi;
  else if (labelled)
    *reason = reason_labelled;
  else
    return 0;
  return end;
}

/* National Insurance numbers */

/* "AB123456C", "AB 12 34 56 C": two prefix letters of those HMRC issues,
 * six digits, a suffix A to D. */
static gsize
parse_ni (const ScLintScan *scan,
          gsize             pos)
{
  guchar a = byte_at (scan, pos), b = byte_at (scan, pos + 1);
  gboolean upper = g_ascii_isupper (a);
  char prefix[3] = { g_ascii_toupper (a), g_ascii_toupper (b), '\0' };
  guchar suffix;

  if (!g_ascii_isalpha (a) || !g_ascii_isalpha (b) || g_ascii_isupper (b) != upper)
    return 0;
  if (strchr ("DFIQUV", prefix[0]) || strchr ("DFIOQUV", prefix[1]))
    return 0;
  if (strstr ("BG GB NK KN NT TN ZZ", prefix) != NULL)
    return 0;
  pos += 2;
  for (int pair = 0; pair < 3; pair++)
    {
      if (byte_at (scan, pos) == ' ')
        pos++;
      if (!g_ascii_isdigit (byte_at (scan, pos)) || !g_ascii_isdigit (byte_at (scan, pos + 1)))
        return 0;
      pos += 2;
    }
  if (byte_at (scan, pos) == ' ' && g_ascii_isalpha (byte_at (scan, pos + 1)))
    pos++;
  suffix = byte_at (scan, pos);
  if (!strchr ("ABCD", g_ascii_toupper (suffix)) || suffix == '\0'
      || g_ascii_isupper (suffix) != upper)
    return 0;
  pos++;
  return ends_here (scan, pos) ? pos : 0;
}

/* Postcodes */

static gboolean
outward_ok (const char *s,
            gsize       n)
{
  const char *third = "ABCDEFGHJKPSTUW";  /* of A9A */
  const char *fourth = "ABEHMNPRVWXY";    /* of AA9A */
#define L(k) (g_ascii_isupper (s[k]))
#define D(k) (g_ascii_isdigit (s[k]))

  if (!L (0) || strchr ("QVX", s[0]))
    return FALSE;
  if (n >= 3 && L (1) && strchr ("IJZ", s[1]))
    return FALSE;
  switch (n)
    {
    case 2:
      return D (1);
    case 3:
      return (D (1) && D (2)) || (L (1) && D (2)) || (D (1) && L (2) && strchr (third, s[2]));
    case 4:
      return L (1) && D (2) && (D (3) || (L (3) && strchr (fourth, s[3])));
    default:
      return FALSE;
    }
#undef L
#undef D
}

static gboolean
inward_ok (const char *s)
{
  return g_ascii_isdigit (s[0]) && g_ascii_isupper (s[1]) && g_ascii_isupper (s[2])
         && !strchr ("CIKMOV", s[1]) && !strchr ("CIKMOV", s[2]);
}

/* A lower-case inward part like "2nd" is an ordinal: "P1 2nd term". */
static gboolean
ordinal (const char *s)
{
  return g_str_has_prefix (s + 1, "st") || g_str_has_prefix (s + 1, "nd")
         || g_str_has_prefix (s + 1, "rd") || g_str_has_prefix (s + 1, "th");
}

/* "EH1 2AB", "G12 8QQ", "SW1A 1AA", "eh1 2ab"; without the space only in
 * capitals: "EH12AB". */
static gsize
parse_postcode (const ScLintScan *scan,
                guint             i)
{
  const Token *token = SCAN_TOKEN (scan, i);
  const Token *next = i + 1 < scan->tokens->len ? SCAN_TOKEN (scan, i + 1) : NULL;
  gsize n = token->end - token->start;
  char code[8], inward[4];
  gboolean lower;

  if (n < 2 || n > 7)
    return 0;
  for (gsize k = 0; k < n; k++)
    code[k] = g_ascii_toupper (scan->text[token->start + k]);
  code[n] = '\0';
  lower = g_ascii_islower (scan->text[token->start]);
  if (token->flags & (lower ? TOKEN_HAS_UPPER : TOKEN_HAS_LOWER))
    return 0;

  if (n <= 4 && next != NULL && next->end - next->start == 3
      && byte_at (scan, token->end) == ' ' && next->start == token->end + 1)
    {
      const char *in = scan->text + next->start;

      for (int k = 0; k < 3; k++)
        {
          if (g_ascii_isalpha (in[k]) && g_ascii_islower (in[k]) != lower)
            return 0;
          inward[k] = g_ascii_toupper (in[k]);
        }
      inward[3] = '\0';
      if (lower && ordinal (in))
        return 0;
      if ((g_str_equal (code, "GIR") && g_str_equal (inward, "0AA"))
          || (outward_ok (code, n) && inward_ok (inward)))
        return next->end;
      return 0;
    }
  if (n >= 5 && !lower && !(token->flags & TOKEN_HAS_LOWER) && outward_ok (code, n - 3)
      && inward_ok (code + n - 3))
    return token->end;
  return 0;
}

/* Tokens one after the other */

void
sc_lint_find_numbers (ScLintScan *scan)
{
  for (guint i = 0; i < scan->tokens->len; i++)
    {
      const Token *token = SCAN_TOKEN (scan, i);
      guchar first = byte_at (scan, token->start);
      const char *reason = NULL;
      ScLintKind kind = SC_LINT_ID_NUMBER;
      gsize end = 0;

      if (!starts_free (scan, i))
        continue;
      if (token->type == TOKEN_NUMBER)
        end = parse_health_number (scan, i, &reason);
      if (end == 0 && (first == '0' || first == '+' || first == '('))
        {
          end = parse_phone (scan, token->start, &reason);
          kind = SC_LINT_PHONE;
        }
      if (end == 0 && g_ascii_isalpha (first))
        {
          end = parse_ni (scan, token->start);
          reason = reason_ni;
          kind = SC_LINT_ID_NUMBER;
          if (end == 0 && (token->type == TOKEN_MIXED || sc_lint_token_is (scan, i, "GIR")))
            {
              end = parse_postcode (scan, i);
              reason = reason_postcode;
              kind = SC_LINT_POSTCODE;
            }
        }
      if (end == 0)
        continue;
      sc_lint_add (scan, kind, token->start, end, _(reason));
      i = sc_lint_token_at (scan, end) - 1;
    }
}

/* E-mail addresses */

static gboolean
local_char (guchar c)
{
  return g_ascii_isalnum (c) || (c != '\0' && strchr ("._%+-'", c) != NULL);
}

/* The address around the '@' at AT: returns its end and sets *START. */
static gsize
parse_email (const ScLintScan *scan,
             gsize             at,
             gsize            *start)
{
  gsize s = at, e = at + 1, last_dot = 0, label_start = at + 1;

  while (s > 0 && at - s < MAX_LOCAL_PART && local_char (byte_at (scan, s - 1)))
    s--;
  if (s > 0 && local_char (byte_at (scan, s - 1)))
    return 0;
  while (s < at && strchr (".'", byte_at (scan, s)))
    s++;
  if (s == at)
    return 0;

  for (; e - at <= MAX_DOMAIN; e++)
    {
      guchar c = byte_at (scan, e);

      if (c == '.' && e > label_start && (g_ascii_isalnum (byte_at (scan, e + 1))))
        {
          last_dot = e;
          label_start = e + 1;
          continue;
        }
      if (!g_ascii_isalnum (c) && c != '-')
        break;
    }
  if (last_dot == 0)
    return 0;
  /* The top-level domain: two letters or more. */
  for (gsize k = last_dot + 1; k < e; k++)
    if (!g_ascii_isalpha (byte_at (scan, k)))
      return 0;
  if (e - last_dot < 3 || !ends_here (scan, e))
    return 0;
  *start = s;
  return e;
}

void
sc_lint_find_emails (ScLintScan *scan)
{
  const char *p = scan->text;
  const char *end = scan->text + scan->length;

  while ((p = memchr (p, '@', end - p)) != NULL)
    {
      gsize start = 0;
      gsize stop = parse_email (scan, p - scan->text, &start);

      if (stop != 0)
        sc_lint_add (scan, SC_LINT_EMAIL, start, stop, _(reason_email));
      p++;
    }
}
