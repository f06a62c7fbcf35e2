//! Sign-in by rotating QR (签到 / 签退): the code (HMAC of the time step), the projector page
//! and the worker's scan.
