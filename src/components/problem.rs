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
