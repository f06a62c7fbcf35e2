-- One quiz attempt per person per session (a retake is in a later session): the service
-- refuses a second submission under the attendance row's lock; this keeps it so whatever
-- writes the table.
drop index training_quiz_attempts_person;
create unique index training_quiz_attempts_person on training_quiz_attempts (session_id, user_id);
