//! The question bank (with the starter questions), the quiz a session draws, and grading on
//! the server.
