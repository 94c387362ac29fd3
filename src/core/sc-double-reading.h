/* sc-double-reading.h: allocation, blind second reads, comparison, moderation
 *
 * Copyright 2026 The Scrutineer authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * A record is double read when it has a primary and a second assignment
 * (when a record has several second assignments, the earliest counts). The
 * two readings are compared, and agreement counted, only once both are
 * submitted; until then neither reader may see the other's answers, and
 * nobody else may see either (SC_STORE_ERROR_BLIND). A reopened reading is
 * not submitted, so reopening hides the other reading again.
 */
#pragma once

#include <glib.h>
#include <json-glib/json-glib.h>

#include "sc-agreement.h"
#include "sc-allocation.h"
#include "sc-model.h"
#include "sc-store.h"

G_BEGIN_DECLS

/* Allocation (sc-store-double.c) */

/* Gives every record of INSPECTION a primary reader where it has none, draws
 * the double-read sample (FRACTION, stratified by cohort, from SEED) and
 * gives each sampled record a second reader, balancing the load over the
 * team (every team member but support staff). Work already started keeps its
 * reader; unstarted second reads of records no longer in the sample are
 * withdrawn. One transaction, each change audited; the inspection keeps
 * FRACTION and SEED. Running it again with the same values moves nothing. */
ScAllocationSummary *sc_store_allocate (ScStore    *store,
                                        const char *inspection,
                                        double      fraction,
                                        guint32     seed,
                                        GError    **error);
/* After the team changed: unstarted work of readers who left goes to those
 * who stay, and unstarted work moves until loads differ by one at most. The
 * sample stays as it is; started work never moves. */
ScAllocationSummary *sc_store_reallocate (ScStore    *store,
                                          const char *inspection,
                                          GError    **error);
/* The current load of each team reader, changing nothing. */
ScAllocationSummary *sc_store_allocation_summary (ScStore    *store,
                                                  const char *inspection,
                                                  GError    **error);

/* Blind second reads (sc-store-double.c) */

/* Whether VIEWER may see READING's answers: its own reader always; anyone
 * else, when READING's record is double read, only once both readings are
 * submitted. Fails with SC_STORE_ERROR_BLIND otherwise. */
gboolean    sc_store_check_blind (ScStore    *store,
                                  const char *reading,
                                  const char *viewer,
                                  GError    **error);
/* The other reading of a double-read RECORD, for one of its two READERs;
 * SC_STORE_ERROR_BLIND until both readings are submitted. */
ScReading  *sc_store_get_other_reading (ScStore    *store,
                                        const char *record,
                                        const char *reader,
                                        GError    **error);
/* sc_store_get_answers() as VIEWER sees them (question id -> ScAnswer*);
 * sc_store_get_answers() itself is this with the store's owner as viewer. */
GHashTable *sc_store_get_answers_as (ScStore    *store,
                                     const char *reading,
                                     const char *viewer,
                                     GError    **error);

/* Double-read records for the application (sc-store-double-ui.c) */

typedef struct
{
  char *record_id;
  char *record_ref;
  char *primary_reader;  /* member ids */
  char *second_reader;
  char *primary_reading; /* NULL until the reader opens the record */
  char *second_reading;
  char *primary_status;  /* "draft" | "submitted" | "reopened"; NULL when not opened */
  char *second_status;
  gboolean both_submitted;
} ScDoubleRecord;

void       sc_double_record_free (ScDoubleRecord *record);

/* Every double-read record of INSPECTION (ScDoubleRecord*), by ref: its
 * earliest primary and second readers and how far each reading has gone.
 * States only, never answers, so nothing here is blind. */
GPtrArray *sc_store_list_double_records (ScStore    *store,
                                         const char *inspection,
                                         GError    **error);

/* Comparison and moderation (sc-double-reading.c, sc-store-double.c) */

typedef enum
{
  SC_MATCH_EXACT,
  SC_MATCH_ADJACENT,
  SC_MATCH_DISCREPANT,
  SC_MATCH_MISSING,
} ScMatch;

typedef struct
{
  char *record_id;
  char *record_ref;
  char *question;        /* question id */
  char *primary_reader;  /* member ids */
  char *second_reader;
  char *primary_value;   /* normalised answers; NULL if unanswered */
  char *second_value;
  /* scale: exact / adjacent (|a-b| = 1) / discrepant; other types: exact or
   * discrepant (numbers compared as numbers); MISSING if either is NULL */
  ScMatch match;
  char *moderated_value; /* NULL until moderated */
  char *rationale;
  char *moderator;
} ScComparison;

void        sc_comparison_free (ScComparison *c);
const char *sc_match_to_string (ScMatch m); /* "exact" "adjacent" "discrepant" "missing" */

/* Every question of the record-reading form, for every double-read record
 * whose two readings are both submitted, in record ref then form order. */
GPtrArray *sc_store_compare_inspection (ScStore    *store,
                                        const char *inspection,
                                        GError    **error);

/* Records the agreed VALUE (normalised here, so a level's id or value both
 * do) of QUESTION on RECORD, with the RATIONALE, which is required; the
 * moderator is the store's owner. Moderating again replaces the value. Only
 * for double-read records whose readings are both submitted. Audited. */
gboolean   sc_store_moderate (ScStore    *store,
                              const char *record,
                              const char *question,
                              const char *value,
                              const char *rationale,
                              GError    **error);

/* Agreement statistics (sc-double-reading.c) */

/* Ratings for the agreement module over double-read, both-submitted
 * records: reader = member id, value = the answer (a level's value for scale
 * questions). The questions rated are scale, choice and yes/no ones. With
 * QUESTION_OR_NULL, that question only, unit = record id; with
 * INDICATOR_OR_NULL, the rated questions linked to the indicator; with
 * neither, all rated questions; these two pool units "RECORD-ID/QUESTION".
 * Pooled labels make every value a label, so nominal statistics only. */
ScRatings *sc_store_ratings (ScStore    *store,
                             const char *inspection,
                             const char *question_or_null,
                             const char *indicator_or_null,
                             GError    **error);

/* The ratings behind each part of sc_store_inspection_stats(): readers are
 * named "primary" and "second" by their part rather than by member id, so
 * that Cohen's kappa, the confusion matrix (rows: primary) and the bias
 * (second minus primary) apply whoever read; and a pool (no question given)
 * holds only the scale questions of its selection when it has any, else its
 * choice and yes/no questions, because mixing a scale's levels with labels
 * would leave only nominal statistics, and inflated ones at that. */
ScRatings *sc_store_ratings_by_part (ScStore    *store,
                                     const char *inspection,
                                     const char *question_or_null,
                                     const char *indicator_or_null,
                                     GError    **error);

/* The `stats inspection --json` document of CLI.md:
 * {"overall":{…},"questions":{"ID":{…}},"indicators":{"ID":{…}},
 *  "reader_pairs":[{"readers":[A,B],…}],"moderated_bias":{"MEMBER":x|null}}
 * each {…} being sc_agreement_to_json(). overall, questions (every scale,
 * choice and yes/no question of the form) and indicators (those such a
 * question is linked to) are primary against second reading, pooled as
 * sc_store_ratings_by_part() says; choice and yes/no questions get nominal
 * statistics. A reader pair is its two members' readings of the records they
 * both read, pooled likewise, A the earlier id (its bias: B minus A).
 * moderated_bias: per reader, the mean of their value minus the moderated
 * value over moderated scale questions (null when none). OPTIONS may be NULL
 * for the defaults. */
JsonNode  *sc_store_inspection_stats (ScStore                  *store,
                                      const char               *inspection,
                                      const ScAgreementOptions *options,
                                      GError                  **error);

/* Evidence for evaluations (sc-double-reading.c) */

#define SC_EVIDENCE_MAX_LEVEL 15

typedef struct
{
  char *indicator;
  guint n_readings;   /* submitted readings with an answer bearing on it */
  guint n_answers;    /* their answers bearing on it, of any type */
  guint n_notes;      /* focus-group notes tagged with it */
  guint level_counts[SC_EVIDENCE_MAX_LEVEL + 1]; /* scale answers; index = level value */
} ScIndicatorEvidence;

void       sc_indicator_evidence_free (ScIndicatorEvidence *evidence);

/* Per indicator of the framework, in document order: what bears on it. An
 * answer bears on the indicators its question is linked to and those its
 * reader tagged it with. Moderated values replace both readers' answers. */
GPtrArray *sc_store_indicator_evidence (ScStore    *store,
                                        const char *inspection,
                                        GError    **error);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (ScComparison, sc_comparison_free)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (ScDoubleRecord, sc_double_record_free)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (ScIndicatorEvidence, sc_indicator_evidence_free)

G_END_DECLS
