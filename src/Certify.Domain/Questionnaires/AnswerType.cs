namespace Certify.Domain.Questionnaires;

public enum AnswerType
{
    YesNoNa,
    SingleChoice,
    MultipleChoice,
    Number,
    Date,
    Text,
}
