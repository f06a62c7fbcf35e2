//! Server functions of confined-space operations, on fixed versioned endpoints. Each is a
//! plain form post too: on success the browser goes back to the scan page with a notice.
// A server function's arguments are its form's fields; the permit form simply has many.
#![allow(clippy::too_many_arguments)]

use super::{OperationDetail, OperationView, PersonOption};
use crate::error::AppError;
use leptos::prelude::*;
use std::collections::HashMap;

#[cfg(feature = "ssr")]
mod glue {
    use crate::error::{AppError, Field, Problem};
    use time::{macros::format_description, Date, OffsetDateTime, PrimitiveDateTime};

    /// `<input type=datetime-local>` gives China local time without an offset.
    pub fn local_datetime(text: &str, field: Field) -> Result<OffsetDateTime, AppError> {
        let text = text.trim();
        if text.is_empty() {
            return Err(AppError::invalid(field, Problem::Required));
        }
        let with_seconds = format_description!("[year]-[month]-[day]T[hour]:[minute]:[second]");
        let without = format_description!("[year]-[month]-[day]T[hour]:[minute]");
        PrimitiveDateTime::parse(text, without)
            .or_else(|_| PrimitiveDateTime::parse(text, with_seconds))
            .map(|t| t.assume_offset(crate::time_fmt::CHINA))
            .map_err(|_| AppError::invalid(field, Problem::Invalid))
    }

    /// The end of a China-time day given as `YYYY-MM-DD` (validity "until" that day).
    pub fn end_of_day(text: &str, field: Field) -> Result<OffsetDateTime, AppError> {
        date(text, field)?
            .next_day()
            .map(|d| d.midnight().assume_offset(crate::time_fmt::CHINA))
            .ok_or(AppError::invalid(field, Problem::Invalid))
    }

    pub fn date(text: &str, field: Field) -> Result<Date, AppError> {
        Date::parse(text.trim(), format_description!("[year]-[month]-[day]"))
            .map_err(|_| AppError::invalid(field, Problem::Invalid))
    }

    /// Where a successful form post goes: the scan page of the operation's space.
    pub fn back(notice: &str) -> String {
        crate::auth::server::back_to_form(("saved", notice))
    }
}

/// The open operation at a space, with what this user may do now.
#[server(endpoint = "v1/operations/at_space")]
pub async fn operation_at_space(space_id: String) -> Result<Option<OperationDetail>, AppError> {
    use crate::{
        auth::server::{pool, require_user},
        error::Field,
    };
    crate::error::respond(
        async {
            let space_id = crate::error::parse_uuid(&space_id, Field::Space)?;
            super::service::detail_at_space(&pool()?, &require_user()?, space_id).await
        }
        .await,
    )
}

/// Active people of the enterprise, to choose entrants, attendant and person in charge.
#[server(endpoint = "v1/operations/people")]
pub async fn crew_options() -> Result<Vec<PersonOption>, AppError> {
    use crate::auth::server::{pool, require_user};
    crate::error::respond(async { super::service::people(&pool()?, &require_user()?).await }.await)
}

#[server(endpoint = "v1/operations/board")]
pub async fn operations_board() -> Result<Vec<OperationView>, AppError> {
    use crate::auth::server::{pool, require_user};
    crate::error::respond(
        async {
            let (pool, actor) = (pool()?, require_user()?);
            let policy = super::service::policy_for(&pool, actor.enterprise()?).await?;
            super::service::open_operations(&pool, &actor, None, &policy).await
        }
        .await,
    )
}

#[server(endpoint = "v1/operations/request")]
pub async fn request_operation(
    client_id: String,
    space_id: String,
    work_content: String,
    planned_start: String,
    planned_end: String,
    #[server(default)] entrants: Vec<String>,
    attendant_id: String,
    person_in_charge_id: String,
    #[server(default)] contractor: String,
    #[server(default)] measures: String,
    #[server(default)] checklist: Vec<String>,
    #[server(default)] rescue_equipment: String,
) -> Result<(), AppError> {
    use crate::{
        auth::server::{pool, require_user},
        error::Field,
    };
    crate::error::respond_form(
        async {
            let input = super::service::PermitInput {
                space_id: crate::error::parse_uuid(&space_id, Field::Space)?,
                work_content,
                planned_start: glue::local_datetime(&planned_start, Field::PlannedStart)?,
                planned_end: glue::local_datetime(&planned_end, Field::PlannedEnd)?,
                entrants: entrants
                    .iter()
                    .map(|e| crate::error::parse_uuid(e, Field::Entrants))
                    .collect::<Result<_, _>>()?,
                attendant_id: crate::error::parse_uuid(&attendant_id, Field::Attendant)?,
                person_in_charge_id: crate::error::parse_uuid(
                    &person_in_charge_id,
                    Field::PersonInCharge,
                )?,
                contractor,
                measures,
                checklist,
                rescue_equipment,
            };
            let client_id = crate::error::parse_uuid(&client_id, Field::ClientId)?;
            super::service::request_permit(&pool()?, &require_user()?, client_id, &input).await?;
            Ok(())
        }
        .await,
        |_| glue::back("requested"),
    )
}

#[server(endpoint = "v1/operations/decide")]
pub async fn decide_operation(
    client_id: String,
    operation_id: String,
    approve: bool,
    #[server(default)] reason: String,
) -> Result<(), AppError> {
    use crate::{
        auth::server::{pool, require_user},
        error::Field,
    };
    crate::error::respond_form(
        async {
            let client_id = crate::error::parse_uuid(&client_id, Field::ClientId)?;
            let id = crate::error::parse_uuid(&operation_id, Field::Operation)?;
            super::service::decide(&pool()?, &require_user()?, client_id, id, approve, &reason)
                .await
        }
        .await,
        |_| glue::back(if approve { "approved" } else { "rejected" }),
    )
}

/// One step of an operation that needs nothing but its id: ventilate, attendant in/out,
/// evacuate, close.
#[server(endpoint = "v1/operations/step")]
pub async fn operation_step(
    client_id: String,
    operation_id: String,
    step: String,
) -> Result<(), AppError> {
    use super::service as s;
    use crate::{
        auth::server::{pool, require_user},
        error::{Field, Problem},
    };
    crate::error::respond_form(
        async {
            let client_id = crate::error::parse_uuid(&client_id, Field::ClientId)?;
            let id = crate::error::parse_uuid(&operation_id, Field::Operation)?;
            let (pool, actor) = (pool()?, require_user()?);
            match step.as_str() {
                "ventilate" => s::record_ventilation(&pool, &actor, client_id, id).await,
                "attendant_in" => s::attendant_check_in(&pool, &actor, client_id, id).await,
                "attendant_out" => s::attendant_check_out(&pool, &actor, client_id, id).await,
                "evacuate" => s::evacuate(&pool, &actor, client_id, id).await,
                "close" => s::close(&pool, &actor, client_id, id).await,
                _ => Err(AppError::invalid(Field::Operation, Problem::Invalid)),
            }
        }
        .await,
        |_| glue::back(&step),
    )
}

/// A gas test. `values` are keyed `gas.point` (e.g. `oxygen.upper`), `units` by gas.
#[server(endpoint = "v1/operations/gas_test")]
pub async fn submit_gas_test(
    client_id: String,
    operation_id: String,
    detector_id: String,
    calibration_due: String,
    #[server(default)] values: HashMap<String, String>,
    #[server(default)] units: HashMap<String, String>,
) -> Result<bool, AppError> {
    use super::{PointReading, SamplePoint};
    use crate::{
        auth::server::{pool, require_user},
        error::{Field, Problem},
        rules::gas::{Gas, Reading, Unit},
    };
    crate::error::respond_form(
        async {
            let client_id = crate::error::parse_uuid(&client_id, Field::ClientId)?;
            let id = crate::error::parse_uuid(&operation_id, Field::Operation)?;
            let mut readings = Vec::new();
            for (key, text) in &values {
                if text.trim().is_empty() {
                    continue;
                }
                let (gas, point) = key.split_once('.').unwrap_or((key, ""));
                let gas =
                    Gas::parse(gas).ok_or(AppError::invalid(Field::Gases, Problem::Invalid))?;
                let point = match point {
                    "upper" => SamplePoint::Upper,
                    "middle" => SamplePoint::Middle,
                    "lower" => SamplePoint::Lower,
                    _ => return Err(AppError::invalid(Field::Gases, Problem::Invalid)),
                };
                let value: f64 = text
                    .trim()
                    .parse()
                    .map_err(|_| AppError::invalid(Field::Gases, Problem::Invalid))?;
                let unit = match units.get(gas.as_str()).map(String::as_str) {
                    Some("mg_per_m3") => Unit::MgPerM3,
                    Some("ppm") => Unit::Ppm,
                    _ => gas.units()[0],
                };
                readings.push(PointReading {
                    point,
                    reading: Reading { gas, value, unit },
                });
            }
            let input = super::service::GasTestInput {
                detector_id,
                calibration_due: glue::date(&calibration_due, Field::CalibrationDue)?,
                readings,
            };
            let (pool, actor) = (pool()?, require_user()?);
            let policy = super::service::policy_for(&pool, actor.enterprise()?).await?;
            super::service::record_gas_test(&pool, &actor, client_id, id, &input, &policy).await
        }
        .await,
        |passed| {
            glue::back(if *passed {
                "test_passed"
            } else {
                "test_failed"
            })
        },
    )
}

#[server(endpoint = "v1/operations/enter")]
pub async fn enter_space(
    client_id: String,
    operation_id: String,
    #[server(default)] briefed: Option<String>,
    #[server(default)] tools: String,
) -> Result<(), AppError> {
    use crate::{
        auth::server::{pool, require_user},
        error::Field,
    };
    crate::error::respond_form(
        async {
            let client_id = crate::error::parse_uuid(&client_id, Field::ClientId)?;
            let id = crate::error::parse_uuid(&operation_id, Field::Operation)?;
            let (pool, actor) = (pool()?, require_user()?);
            let policy = super::service::policy_for(&pool, actor.enterprise()?).await?;
            super::service::enter(
                &pool,
                &actor,
                client_id,
                id,
                briefed.is_some(),
                &tools,
                &policy,
            )
            .await
        }
        .await,
        |_| glue::back("entered"),
    )
}

#[server(endpoint = "v1/operations/exit")]
pub async fn exit_space(
    client_id: String,
    operation_id: String,
    person_id: String,
    #[server(default)] tools: String,
) -> Result<(), AppError> {
    use crate::{
        auth::server::{pool, require_user},
        error::Field,
    };
    crate::error::respond_form(
        async {
            let client_id = crate::error::parse_uuid(&client_id, Field::ClientId)?;
            let id = crate::error::parse_uuid(&operation_id, Field::Operation)?;
            let person = crate::error::parse_uuid(&person_id, Field::User)?;
            super::service::exit(&pool()?, &require_user()?, client_id, id, person, &tools).await
        }
        .await,
        |_| glue::back("exited"),
    )
}

/// The operation history, optionally of one space or one person.
#[server(endpoint = "v1/operations/history")]
pub async fn operation_history(
    #[server(default)] space: String,
    #[server(default)] person: String,
) -> Result<Vec<super::HistoryRow>, AppError> {
    use crate::auth::server::{pool, require_user};
    crate::error::respond(
        async {
            let space = uuid::Uuid::parse_str(space.trim()).ok();
            let person = uuid::Uuid::parse_str(person.trim()).ok();
            super::service::history(&pool()?, &require_user()?, space, person).await
        }
        .await,
    )
}

#[server(endpoint = "v1/qualifications/list")]
pub async fn list_qualifications() -> Result<Vec<super::QualificationRow>, AppError> {
    use crate::auth::server::{pool, require_user};
    crate::error::respond(
        async { super::service::qualifications(&pool()?, &require_user()?).await }.await,
    )
}

/// Records a confined-space training valid until the end of `valid_until` (China time).
#[server(endpoint = "v1/qualifications/grant")]
pub async fn grant_training(
    client_id: String,
    user_id: String,
    valid_until: String,
) -> Result<(), AppError> {
    use crate::{
        auth::server::{pool, require_user},
        error::Field,
    };
    crate::error::respond_form(
        async {
            let client_id = crate::error::parse_uuid(&client_id, Field::ClientId)?;
            let user_id = crate::error::parse_uuid(&user_id, Field::User)?;
            let until = glue::end_of_day(&valid_until, Field::ValidUntil)?;
            super::service::grant_qualification(
                &pool()?,
                &require_user()?,
                client_id,
                user_id,
                until,
            )
            .await
        }
        .await,
        |_| crate::auth::server::back_to_form(("saved", "1")),
    )
}

#[server(endpoint = "v1/policy/gas")]
pub async fn gas_policy() -> Result<crate::rules::gas::GasPolicy, AppError> {
    use crate::auth::server::{pool, require_user};
    crate::error::respond(
        async { super::service::policy_for(&pool()?, require_user()?.enterprise()?).await }.await,
    )
}

#[server(endpoint = "v1/policy/gas/set")]
pub async fn set_gas_policy(
    test_max_age_minutes: u32,
    retest_interval_minutes: u32,
    lel_max_percent: f64,
    grade2_lel_from_percent: f64,
    grade2_toxic_fraction_percent: f64,
) -> Result<(), AppError> {
    use crate::auth::server::{pool, require_user};
    crate::error::respond_form(
        async {
            let policy = crate::rules::gas::GasPolicy {
                test_max_age_minutes,
                retest_interval_minutes,
                lel_max_percent,
                grade2_lel_from_percent,
                grade2_toxic_fraction: grade2_toxic_fraction_percent / 100.0,
            };
            super::service::set_policy(&pool()?, &require_user()?, &policy).await
        }
        .await,
        |_| crate::auth::server::back_to_form(("saved", "1")),
    )
}

#[server(endpoint = "v1/delegations/list")]
pub async fn list_delegations() -> Result<super::Delegations, AppError> {
    use crate::auth::server::{pool, require_user};
    crate::error::respond(
        async { super::service::delegations(&pool()?, &require_user()?).await }.await,
    )
}

/// The principal's written delegation of approval, valid to the end of `valid_until`.
#[server(endpoint = "v1/delegations/grant")]
pub async fn grant_delegation(
    client_id: String,
    delegate_id: String,
    valid_until: String,
    document_ref: String,
) -> Result<(), AppError> {
    use crate::{
        auth::server::{pool, require_user},
        error::Field,
    };
    crate::error::respond_form(
        async {
            let client_id = crate::error::parse_uuid(&client_id, Field::ClientId)?;
            let delegate = crate::error::parse_uuid(&delegate_id, Field::User)?;
            let until = glue::end_of_day(&valid_until, Field::ValidUntil)?;
            super::service::grant_delegation(
                &pool()?,
                &require_user()?,
                client_id,
                delegate,
                until,
                &document_ref,
            )
            .await
        }
        .await,
        |_| crate::auth::server::back_to_form(("saved", "1")),
    )
}

#[server(endpoint = "v1/delegations/revoke")]
pub async fn revoke_delegation(client_id: String, id: String) -> Result<(), AppError> {
    use crate::{
        auth::server::{pool, require_user},
        error::Field,
    };
    crate::error::respond_form(
        async {
            let client_id = crate::error::parse_uuid(&client_id, Field::ClientId)?;
            let id = crate::error::parse_uuid(&id, Field::Delegation)?;
            super::service::revoke_delegation(&pool()?, &require_user()?, client_id, id).await
        }
        .await,
        |_| crate::auth::server::back_to_form(("saved", "1")),
    )
}
