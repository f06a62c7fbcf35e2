//! Training sessions: create, copy, upcoming and past lists, the roster (ticks by the trainer,
//! hours overrides, scores) and the sign-in sheet (print and XLSX).
