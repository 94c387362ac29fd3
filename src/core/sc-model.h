/* sc-model.h: the inspection data model, read and written through the store
 *
 * Copyright 2026 The Scrutineer authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Every change is one short transaction that also appends to the audit log;
 * when a function returns TRUE the change is on disk (synchronous=FULL).
 * Rows are plain structs owned by the caller, freed with their _free().
 */
#pragma once

#include <glib.h>

#include "sc-framework.h"
#include "sc-store.h"

G_BEGIN_DECLS

typedef struct
{
  char *id;
  char *name;
  char *role; /* lead | deputy | inspector | associate | volunteer | support */
} ScMember;

typedef struct
{
  char *id;
  char *framework;  /* row id in the store's framework table */
  char *title;
  char *area;
  char *start_date; /* ISO 8601, may be NULL */
  char *end_date;
  char *lead;       /* member id, may be NULL */
  char *status;     /* planned | active | closed */
  double double_read_fraction;
  gint64 allocation_seed;
} ScInspection;

typedef struct
{
  char *id;
  char *inspection;
  char *ref;          /* pseudonymous reference, never a name */
  GStrv cohorts;      /* e.g. audited, tracked, sampled */
  char *age_band;
  char *legal_status;
} ScRecord;

typedef enum
{
  SC_READING_DRAFT,
  SC_READING_SUBMITTED,
  SC_READING_REOPENED,
} ScReadingStatus;

typedef struct
{
  char *id;
  char *assignment;
  char *record;
  char *reader;
  char *kind; /* primary | second */
  ScReadingStatus status;
  char *created;
  char *updated;
  char *submitted; /* may be NULL */
} ScReading;

typedef struct
{
  char *question;
  char *value;      /* normalised, see sc_answer_normalise(); NULL when cleared */
  char *evidence;
  char *indicators; /* space-separated indicator ids the reader tagged */
} ScAnswer;

typedef struct
{
  char *id;
  char *inspection;
  char *title;
  char *participants_kind;
  int participants_count;
  char *held_on;
  char *place;
  char *facilitator;
} ScFocusGroup;

typedef enum
{
  SC_NOTE_STRENGTH,
  SC_NOTE_IMPROVEMENT,
  SC_NOTE_QUOTE,
  SC_NOTE_OBSERVATION,
} ScNoteKind;

typedef struct
{
  char *id;
  char *focus_group;
  char *author;
  char *text;
  char *indicators;
  ScNoteKind kind;
  char *created;
} ScNote;

typedef enum
{
  SC_CONCERN_RAISED,
  SC_CONCERN_PASSED_ON,
  SC_CONCERN_CLOSED,
} ScConcernStatus;

typedef struct
{
  char *id;
  char *inspection;
  char *record; /* may be NULL */
  char *raised_by;
  char *summary;
  ScConcernStatus status;
  char *raised_at;
  char *passed_to;
  char *passed_on_at;
  char *outcome;
  char *closed_at;
} ScConcern;

void sc_member_free (ScMember *member);
void sc_inspection_free (ScInspection *inspection);
void sc_record_free (ScRecord *record);
void sc_reading_free (ScReading *reading);
void sc_answer_free (ScAnswer *answer);
void sc_focus_group_free (ScFocusGroup *group);
void sc_note_free (ScNote *note);
void sc_concern_free (ScConcern *concern);

gboolean    sc_member_role_is_valid (const char *role);
const char *sc_reading_status_to_string (ScReadingStatus status);
const char *sc_note_kind_to_string (ScNoteKind kind);
gboolean    sc_note_kind_from_string (const char *name,
                                      ScNoteKind *kind);
const char *sc_concern_status_to_string (ScConcernStatus status);

/* Members */
ScMember  *sc_store_get_owner (ScStore *store,
                               GError **error);
char      *sc_store_add_member (ScStore    *store,
                                const char *name,
                                const char *role,
                                GError    **error);
GPtrArray *sc_store_list_members (ScStore *store,
                                  GError **error);

/* Frameworks and inspections */
/* Keeps the framework's exact XML; the same bytes twice give the same row. */
char         *sc_store_import_framework (ScStore           *store,
                                         const ScFramework *framework,
                                         GError           **error);
/* The framework as stored; borrowed, valid while the store is open. */
ScFramework  *sc_store_get_framework (ScStore    *store,
                                      const char *framework_row,
                                      GError    **error);
char         *sc_store_create_inspection (ScStore            *store,
                                          const ScInspection *spec,
                                          GError            **error);
/* The framework an inspection runs on; borrowed, like sc_store_get_framework(). */
ScFramework  *sc_store_get_inspection_framework (ScStore    *store,
                                                 const char *inspection,
                                                 GError    **error);
GPtrArray    *sc_store_list_inspections (ScStore *store,
                                         GError **error);
/* ID when given; else the store's only open inspection, or an error that asks
 * the caller to choose (SC_STORE_ERROR_AMBIGUOUS). */
ScInspection *sc_store_find_inspection (ScStore    *store,
                                        const char *id,
                                        GError    **error);
gboolean      sc_store_add_team_member (ScStore    *store,
                                        const char *inspection,
                                        const char *member,
                                        const char *role,
                                        GError    **error);
GPtrArray    *sc_store_list_team (ScStore    *store,
                                  const char *inspection,
                                  GError    **error);

/* Records and assignments */
char      *sc_store_add_record (ScStore            *store,
                                const char         *inspection,
                                const char         *ref,
                                const char * const *cohorts,
                                const char         *age_band,
                                const char         *legal_status,
                                GError            **error);
GPtrArray *sc_store_list_records (ScStore    *store,
                                  const char *inspection,
                                  GError    **error);
ScRecord  *sc_store_find_record (ScStore    *store,
                                 const char *inspection,
                                 const char *ref,
                                 GError    **error);
char      *sc_store_assign (ScStore    *store,
                            const char *record,
                            const char *reader,
                            const char *kind,
                            GError    **error);

/* Readings and answers */
/* READER's reading of RECORD, made (with its assignment) if there is none. */
ScReading  *sc_store_open_reading (ScStore    *store,
                                   const char *record,
                                   const char *reader,
                                   GError    **error);
GPtrArray  *sc_store_list_readings (ScStore    *store,
                                    const char *record,
                                    GError    **error);
/* VALUE must already be normalised for its question (sc_answer_normalise). */
gboolean    sc_store_set_answer (ScStore    *store,
                                 const char *reading,
                                 const char *question,
                                 const char *value,
                                 const char *evidence,
                                 const char *indicators,
                                 GError    **error);
/* Several answers (ScAnswer*, values normalised) in one transaction. */
gboolean    sc_store_set_answers (ScStore    *store,
                                  const char *reading,
                                  GPtrArray  *answers,
                                  GError    **error);
/* question id -> ScAnswer* */
GHashTable *sc_store_get_answers (ScStore    *store,
                                  const char *reading,
                                  GError    **error);
ScReading  *sc_store_get_reading (ScStore    *store,
                                  const char *reading,
                                  GError    **error);
/* Checks the answers against the inspection's record-reading instrument;
 * fails with SC_STORE_ERROR_INCOMPLETE, one line per missing required answer. */
gboolean    sc_store_submit_reading (ScStore    *store,
                                     const char *reading,
                                     GError    **error);
gboolean    sc_store_reopen_reading (ScStore    *store,
                                     const char *reading,
                                     const char *reason,
                                     GError    **error);

/* Focus groups and notes */
char      *sc_store_add_focus_group (ScStore            *store,
                                     const ScFocusGroup *spec,
                                     GError            **error);
char      *sc_store_add_note (ScStore    *store,
                              const char *focus_group,
                              const char *text,
                              ScNoteKind  kind,
                              const char *indicators,
                              GError    **error);
gboolean   sc_store_update_note (ScStore    *store,
                                 const char *note,
                                 const char *text,
                                 ScNoteKind  kind,
                                 const char *indicators,
                                 GError    **error);
GPtrArray *sc_store_list_notes (ScStore    *store,
                                const char *focus_group,
                                GError    **error);

/* Evaluations */
gboolean sc_store_set_evaluation (ScStore    *store,
                                  const char *inspection,
                                  const char *indicator,
                                  int         level,
                                  const char *rationale,
                                  GError    **error);

/* Safety concerns: raised -> passed on -> closed, never dropped. */
char      *sc_store_raise_concern (ScStore    *store,
                                   const char *inspection,
                                   const char *record,
                                   const char *summary,
                                   GError    **error);
gboolean   sc_store_pass_on_concern (ScStore    *store,
                                     const char *concern,
                                     const char *passed_to,
                                     const char *when,
                                     GError    **error);
gboolean   sc_store_close_concern (ScStore    *store,
                                   const char *concern,
                                   const char *outcome,
                                   GError    **error);
GPtrArray *sc_store_list_concerns (ScStore    *store,
                                   const char *inspection,
                                   GError    **error);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (ScMember, sc_member_free)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (ScInspection, sc_inspection_free)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (ScRecord, sc_record_free)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (ScReading, sc_reading_free)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (ScAnswer, sc_answer_free)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (ScFocusGroup, sc_focus_group_free)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (ScNote, sc_note_free)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (ScConcern, sc_concern_free)

G_END_DECLS
