//! The question bank page (`/training/questions`: install the starter bank, add, list by
//! category, take a question out) and the quiz page (`/training/quiz/<session id>`: answer
//! and 交卷, then the score and the questions answered wrong). Plain form posts: no
//! JavaScript needed.

use super::{
    list_questions, session_quiz, BankQuestion, CreateQuestion, DeactivateQuestion,
    InstallStarterBank, QuizSubmit, QuizView, OPTIONS_MAX,
};
use crate::{
    i18n::*,
    shell::{action_error, load, new_client_id, FormFeedback},
    training::{Category, QuestionKind},
};
use leptos::{either::EitherOf4, prelude::*};
use leptos_i18n::I18nContext;
use leptos_router::hooks::{use_params_map, use_query_map};

pub fn category_label(i18n: I18nContext<Locale>, c: Category) -> String {
    match c {
        Category::InductionCompany => t_string!(i18n, quiz.cat_induction_company),
        Category::InductionWorkshop => t_string!(i18n, quiz.cat_induction_workshop),
        Category::InductionTeam => t_string!(i18n, quiz.cat_induction_team),
        Category::Transfer => t_string!(i18n, quiz.cat_transfer),
        Category::ReturnToPost => t_string!(i18n, quiz.cat_return_to_post),
        Category::Restart => t_string!(i18n, quiz.cat_restart),
        Category::ConfinedSpace => t_string!(i18n, quiz.cat_confined_space),
        Category::FourNew => t_string!(i18n, quiz.cat_four_new),
        Category::Daily => t_string!(i18n, quiz.cat_daily),
        Category::Other => t_string!(i18n, quiz.cat_other),
    }
    .to_string()
}

pub fn kind_label(i18n: I18nContext<Locale>, k: QuestionKind) -> String {
    match k {
        QuestionKind::Single => t_string!(i18n, quiz.kind_single),
        QuestionKind::Multiple => t_string!(i18n, quiz.kind_multiple),
        QuestionKind::TrueFalse => t_string!(i18n, quiz.kind_true_false),
    }
    .to_string()
}

/// A–F before an option.
fn letter(i: usize) -> char {
    char::from(b'A' + (i as u8))
}

#[component]
pub fn QuestionsPage() -> impl IntoView {
    let i18n = use_i18n();
    let install = ServerAction::<InstallStarterBank>::new();
    let create = ServerAction::<CreateQuestion>::new();
    let deactivate = ServerAction::<DeactivateQuestion>::new();
    let query = use_query_map();
    let chosen = query.with_untracked(|q| q.get("category").unwrap_or_default());
    let error = Signal::derive(move || {
        action_error(install)
            .or_else(|| action_error(create))
            .or_else(|| action_error(deactivate))
    });
    let category_options = move |selected: &str| {
        Category::ALL
            .into_iter()
            .map(|c| {
                let is = c.as_str() == selected;
                view! { <option value=c.as_str() selected=is>{category_label(i18n, c)}</option> }
            })
            .collect_view()
    };
    let filter_options = category_options(&chosen);
    let form_options = category_options(Category::ConfinedSpace.as_str());
    let kinds = QuestionKind::ALL
        .into_iter()
        .map(|k| view! { <option value=k.as_str()>{kind_label(i18n, k)}</option> })
        .collect_view();
    let option_rows = (0..OPTIONS_MAX)
        .map(|i| {
            view! {
                <div class="quiz-option-row">
                    <label class="check">
                        <input type="checkbox" name="form[correct][]" value=i.to_string()/>
                        {t!(i18n, quiz.correct_tick)}
                    </label>
                    <label>
                        <span>{t!(i18n, quiz.option)}" "{letter(i).to_string()}</span>
                        <input name=format!("form[options][{i}]") maxlength="100"/>
                    </label>
                </div>
            }
        })
        .collect_view();
    view! {
        <h1>{t!(i18n, quiz.bank_title)}</h1>
        <FormFeedback error=error/>
        <section class="card stack">
            <p class="muted">{t!(i18n, quiz.starter_hint)}</p>
            <ActionForm action=install attr:class="stack">
                <input type="hidden" name="client_id" value=new_client_id()/>
                <button type="submit" class="primary wide">{t!(i18n, quiz.install_starter)}</button>
            </ActionForm>
        </section>
        <details class="card">
            <summary>{t!(i18n, quiz.add_title)}</summary>
            <ActionForm action=create attr:class="stack">
                <input type="hidden" name="client_id" value=new_client_id()/>
                <label>
                    <span>{t!(i18n, quiz.field_category)}</span>
                    <select name="form[category]">{form_options}</select>
                </label>
                <label>
                    <span>{t!(i18n, quiz.field_kind)}</span>
                    <select name="form[kind]">{kinds}</select>
                </label>
                <label>
                    <span>{t!(i18n, quiz.field_prompt)}</span>
                    <textarea name="form[prompt]" maxlength="300" rows="3"></textarea>
                </label>
                <p class="muted">{t!(i18n, quiz.options_hint)}</p>
                {option_rows}
                <label>
                    <span>{t!(i18n, quiz.field_basis)}</span>
                    <input name="form[basis]" maxlength="200"/>
                </label>
                <button type="submit" class="primary wide">{t!(i18n, quiz.add)}</button>
            </ActionForm>
        </details>
        <form method="get" class="card stack">
            <label>
                <span>{t!(i18n, quiz.field_category)}</span>
                <select name="category">
                    <option value="">{t!(i18n, quiz.all_categories)}</option>
                    {filter_options}
                </select>
            </label>
            <button type="submit" class="secondary">{t!(i18n, quiz.filter)}</button>
        </form>
        {load(move || list_questions(chosen), move |rows: Vec<BankQuestion>| {
            let count = rows.len();
            let items = rows
                .into_iter()
                .map(|q| view! { <BankItem q=q deactivate=deactivate/> })
                .collect_view();
            view! {
                <p class="muted">{t!(i18n, quiz.active_count)}" "{count}</p>
                <ol class="quiz-bank stack">{items}</ol>
            }
        })}
    }
}

#[component]
fn BankItem(q: BankQuestion, deactivate: ServerAction<DeactivateQuestion>) -> impl IntoView {
    let i18n = use_i18n();
    let options = q
        .options
        .iter()
        .enumerate()
        .map(|(i, text)| {
            let right = q.correct.contains(&(i as i16));
            view! {
                <li data-correct=right.to_string() class:quiz-right=right>
                    {letter(i).to_string()}". "{text.clone()}
                    {right.then(|| view! { " " <span class="tag ok">{t!(i18n, quiz.right_mark)}</span> })}
                </li>
            }
        })
        .collect_view();
    view! {
        <li class="card quiz-question" data-question=q.id.to_string() data-key=q.starter_key.clone().unwrap_or_default()>
            <p>
                <span class="tag">{category_label(i18n, q.category)}</span>" "
                <span class="tag off">{kind_label(i18n, q.kind)}</span>
            </p>
            <p><strong>{q.prompt.clone()}</strong></p>
            <ul class="quiz-options">{options}</ul>
            {(!q.basis.is_empty()).then(|| view! { <p class="muted">{t!(i18n, quiz.field_basis)}": "{q.basis.clone()}</p> })}
            <ActionForm action=deactivate>
                <input type="hidden" name="client_id" value=new_client_id()/>
                <input type="hidden" name="id" value=q.id.to_string()/>
                <button type="submit" class="secondary">{t!(i18n, quiz.deactivate)}</button>
            </ActionForm>
        </li>
    }
}

/// The quiz of a session for a person who signed in to it; their result once submitted.
#[component]
pub fn QuizPage() -> impl IntoView {
    let params = use_params_map();
    let id = params.with_untracked(|p| p.get("id").unwrap_or_default());
    let submit = ServerAction::<QuizSubmit>::new();
    view! {
        <FormFeedback error=Signal::derive(move || action_error(submit))/>
        {load(move || session_quiz(id), move |v: QuizView| view! { <QuizBody v=v submit=submit/> })}
    }
}

#[component]
fn QuizBody(v: QuizView, submit: ServerAction<QuizSubmit>) -> impl IntoView {
    let i18n = use_i18n();
    let header = view! {
        <h1>{v.title.clone()}</h1>
        <p class="muted">
            <span class="tag">{category_label(i18n, v.category)}</span>" "
            {t!(i18n, quiz.pass_mark)}" "{v.pass_mark}
        </p>
    };
    let body = if let Some(a) = v.attempt.clone() {
        let wrong = a
            .wrong
            .iter()
            .filter_map(|p| v.questions.iter().find(|q| q.position == *p))
            .map(|q| {
                view! { <li data-position=q.position.to_string()>{q.position}". "{q.prompt.clone()}</li> }
            })
            .collect_view();
        EitherOf4::A(view! {
            <section class="card stack quiz-result" data-passed=a.passed.to_string() data-score=a.score.to_string()>
                <p class="big">{t!(i18n, quiz.your_score)}" "<strong class="quiz-score">{a.score}</strong></p>
                {if a.passed {
                    view! { <p class="notice ok" role="status">{t!(i18n, quiz.passed)}</p> }.into_any()
                } else {
                    view! { <p class="notice error" role="status">{t!(i18n, quiz.failed)}</p> }.into_any()
                }}
                <p class="muted">{t!(i18n, quiz.right_count)}" "{a.correct_count}" / "{a.question_count}</p>
                {if a.wrong.is_empty() {
                    view! { <p>{t!(i18n, quiz.all_right)}</p> }.into_any()
                } else {
                    view! {
                        <h2>{t!(i18n, quiz.wrong_title)}</h2>
                        <ul class="quiz-wrong">{wrong}</ul>
                    }
                    .into_any()
                }}
                {(!a.passed).then(|| view! { <p class="muted">{t!(i18n, quiz.retake_hint)}</p> })}
            </section>
        })
    } else if v.questions.is_empty() {
        EitherOf4::B(view! { <p class="notice error" role="alert">{t!(i18n, quiz.bank_empty)}</p> })
    } else if v.preview {
        let items = v
            .questions
            .into_iter()
            .map(|q| {
                let options = q
                    .options
                    .iter()
                    .enumerate()
                    .map(|(i, o)| view! { <li>{letter(i).to_string()}". "{o.clone()}</li> })
                    .collect_view();
                view! {
                    <li class="card quiz-question" data-position=q.position.to_string()>
                        <p><strong>{q.prompt.clone()}</strong>" "<span class="tag off">{kind_label(i18n, q.kind)}</span></p>
                        <ul class="quiz-options">{options}</ul>
                    </li>
                }
            })
            .collect_view();
        EitherOf4::C(view! {
            <p class="notice ok" role="status">{t!(i18n, quiz.preview)}</p>
            <ol class="quiz-questions stack">{items}</ol>
        })
    } else {
        let session_id = v.session_id.to_string();
        let items = v
            .questions
            .into_iter()
            .map(|q| {
                let multiple = q.kind == QuestionKind::Multiple;
                let input_type = if multiple { "checkbox" } else { "radio" };
                let name = format!("form[answers][{}][]", q.position);
                let options = q
                    .options
                    .iter()
                    .enumerate()
                    .map(|(i, o)| {
                        view! {
                            <label class="check quiz-option">
                                <input type=input_type name=name.clone() value=i.to_string()/>
                                <span>{letter(i).to_string()}". "{o.clone()}</span>
                            </label>
                        }
                    })
                    .collect_view();
                view! {
                    <li class="card quiz-question" data-position=q.position.to_string() data-kind=q.kind.as_str()>
                        <fieldset class="quiz-choices">
                            <legend>
                                {q.position}". "{q.prompt.clone()}" "
                                <span class="tag off">{kind_label(i18n, q.kind)}</span>
                            </legend>
                            {options}
                        </fieldset>
                    </li>
                }
            })
            .collect_view();
        EitherOf4::D(view! {
            <ActionForm action=submit attr:class="stack quiz-form">
                <input type="hidden" name="client_id" value=new_client_id()/>
                <input type="hidden" name="session_id" value=session_id/>
                <ol class="quiz-questions stack">{items}</ol>
                <button type="submit" class="primary wide big">{t!(i18n, quiz.submit)}</button>
            </ActionForm>
        })
    };
    view! { {header} {body} }
}
