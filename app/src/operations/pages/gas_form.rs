//! The gas-test form: each gas at the upper, middle and lower heights, from outside.

use super::{
    ids,
    labels::{point_label, unit_label},
};
use crate::{
    i18n::*,
    operations::{SamplePoint, SubmitGasTest},
    rules::gas::{Gas, Unit},
};
use leptos::{either::Either, prelude::*};
use uuid::Uuid;

/// The unit cell of a gas's row: a choice where the detector may show either unit.
fn unit_cell(gas: Gas) -> impl IntoView {
    if gas.units().len() > 1 {
        let options = gas
            .units()
            .iter()
            .map(|u| view! { <option value=u.as_str()>{unit_label(*u)}</option> })
            .collect_view();
        Either::Left(
            view! { <select name=format!("form[units][{}]", gas.as_str())>{options}</select> },
        )
    } else {
        Either::Right(unit_label(
            gas.units().first().copied().unwrap_or(Unit::Ppm),
        ))
    }
}

#[component]
pub fn GasTestForm(operation_id: Uuid, action: ServerAction<SubmitGasTest>) -> impl IntoView {
    let i18n = use_i18n();
    let heads = SamplePoint::ALL
        .into_iter()
        .map(|p| view! { <th>{move || point_label(i18n, p)}</th> })
        .collect_view();
    let rows = Gas::ALL
        .into_iter()
        .map(|gas| {
            let cells = SamplePoint::ALL
                .into_iter()
                .map(|point| {
                    let name = format!("form[values][{}.{}]", gas.as_str(), point.as_str());
                    view! { <td><input inputmode="decimal" name=name size="4"/></td> }
                })
                .collect_view();
            view! {
                <tr>
                    <th>{gas.formula()}</th>
                    {cells}
                    <td>{unit_cell(gas)}</td>
                </tr>
            }
        })
        .collect_view();
    view! {
        <details class="gas-form" open=true>
            <summary>{t!(i18n, ops.gas_test)}</summary>
            <ActionForm action=action attr:class="stack">
                {ids(operation_id)}
                <label>
                    <span>{t!(i18n, ops.field_detector)}</span>
                    <input name="form[detector_id]" maxlength="60"/>
                </label>
                <label>
                    <span>{t!(i18n, ops.field_calibration_due)}</span>
                    <input type="date" name="form[calibration_due]"/>
                </label>
                <p class="muted">{t!(i18n, ops.gas_hint)}</p>
                <table class="readings-input">
                    <thead><tr><th></th>{heads}<th></th></tr></thead>
                    <tbody>{rows}</tbody>
                </table>
                <button type="submit" class="primary">{t!(i18n, ops.record_test)}</button>
            </ActionForm>
        </details>
    }
}
