use yew::prelude::*;

#[derive(Properties, PartialEq)]
pub struct ProblemProps {
    pub message: Option<AttrValue>,
}

/// The last thing that went wrong, announced to screen readers as it appears.
#[component]
pub fn Problem(props: &ProblemProps) -> Html {
    match &props.message {
        Some(message) => html! { <p class="problem" role="alert">{ message.clone() }</p> },
        None => Html::default(),
    }
}

#[derive(Properties, PartialEq)]
pub struct NoticeProps {
    pub message: Option<AttrValue>,
}

/// Something the user should know that is not a failure of what they just did: the work is not
/// being saved, or an earlier visit's review could not be restored.
#[component]
pub fn Notice(props: &NoticeProps) -> Html {
    match &props.message {
        Some(message) => html! { <p class="notice" role="status">{ message.clone() }</p> },
        None => Html::default(),
    }
}
