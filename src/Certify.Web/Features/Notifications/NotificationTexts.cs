using System.Globalization;
using Certify.Web.Infrastructure;

namespace Certify.Web.Features.Notifications;

/// <summary>What a notification says, in the reader's language; the same words go to the bell and the e-mail.</summary>
public sealed record NotificationText(string Title, string Body);

/// <summary>
/// Renders a notification from its kind and data. Data keys: <c>company</c>, <c>program</c>, <c>question</c>,
/// <c>level</c>, <c>reason</c>, <c>number</c>, <c>due</c> (ISO date), <c>count</c>; a missing key renders as "—".
/// </summary>
public static class NotificationTexts
{
    public static NotificationText Render(NotificationKind kind, bool english, IReadOnlyDictionary<string, string> data)
    {
        ArgumentNullException.ThrowIfNull(data);
        string V(string key) => data.TryGetValue(key, out var value) && !string.IsNullOrWhiteSpace(value) ? value : "—";
        var culture = CultureInfo.GetCultureInfo(english ? "en-US" : "es-MX");
        string Due() => DateOnly.TryParseExact(V("due"), "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var d)
            ? DisplayDates.Long(d, culture)
            : "—";
        return (kind, english) switch
        {
            (NotificationKind.ReviewAssigned, true) => new($"Review assigned: {V("company")}", $"The self-assessment of {V("company")} for {V("program")} is yours to review. Due on {Due()}."),
            (NotificationKind.ReviewAssigned, false) => new($"Revisión asignada: {V("company")}", $"La autoevaluación de {V("company")} para {V("program")} es tuya para revisar. Vence el {Due()}."),
            (NotificationKind.ChangesRequested, true) => new($"Changes requested: {V("program")}", V("count") == "1" ? "The auditor asked for changes on 1 answer. Only that answer is open for editing; resubmit when done." : $"The auditor asked for changes on {V("count")} answers. Only those answers are open for editing; resubmit when done."),
            (NotificationKind.ChangesRequested, false) => new($"Cambios solicitados: {V("program")}", V("count") == "1" ? "La auditoría pidió cambios en 1 respuesta. Solo esa respuesta se puede editar; vuelve a enviar al terminar." : $"La auditoría pidió cambios en {V("count")} respuestas. Solo esas respuestas se pueden editar; vuelve a enviar al terminar."),
            (NotificationKind.Approved, true) => new($"Approved: {V("program")}", $"Your self-assessment was approved with level {V("level")}. Open corrective actions: {V("count")}."),
            (NotificationKind.Approved, false) => new($"Aprobada: {V("program")}", $"Tu autoevaluación fue aprobada con nivel {V("level")}. Acciones correctivas abiertas: {V("count")}."),
            (NotificationKind.ApprovalAwaitingConfirmation, true) => new($"Approval to confirm: {V("company")}", $"An auditor approved {V("company")} for {V("program")} with level {V("level")}. The program requires your confirmation."),
            (NotificationKind.ApprovalAwaitingConfirmation, false) => new($"Aprobación por confirmar: {V("company")}", $"Una auditoría aprobó a {V("company")} en {V("program")} con nivel {V("level")}. El programa requiere tu confirmación."),
            (NotificationKind.ApprovalSentBack, true) => new($"Approval sent back: {V("company")}", $"A program admin did not confirm the approval of {V("company")}: {V("reason")}"),
            (NotificationKind.ApprovalSentBack, false) => new($"Aprobación devuelta: {V("company")}", $"La administración del programa no confirmó la aprobación de {V("company")}: {V("reason")}"),
            (NotificationKind.Rejected, true) => new($"Rejected: {V("program")}", $"Your self-assessment was rejected. Reason: {V("reason")} You may start a new assessment."),
            (NotificationKind.Rejected, false) => new($"Rechazada: {V("program")}", $"Tu autoevaluación fue rechazada. Motivo: {V("reason")} Puedes iniciar una nueva evaluación."),
            (NotificationKind.ActionProposed, true) => new($"Corrective action proposed: {V("company")}", $"{V("company")} proposed a corrective action on question {V("question")}."),
            (NotificationKind.ActionProposed, false) => new($"Acción correctiva propuesta: {V("company")}", $"{V("company")} propuso una acción correctiva en la pregunta {V("question")}."),
            (NotificationKind.FindingClosed, true) => new($"Finding closed: {V("question")}", $"The auditor accepted your corrective action on question {V("question")}."),
            (NotificationKind.FindingClosed, false) => new($"Hallazgo cerrado: {V("question")}", $"La auditoría aceptó tu acción correctiva en la pregunta {V("question")}."),
            (NotificationKind.FindingReopened, true) => new($"Finding reopened: {V("question")}", $"The auditor reopened the finding on question {V("question")}; propose a new corrective action."),
            (NotificationKind.FindingReopened, false) => new($"Hallazgo reabierto: {V("question")}", $"La auditoría reabrió el hallazgo de la pregunta {V("question")}; propón una nueva acción correctiva."),
            (NotificationKind.ReviewDueSoon, true) => new($"Review due: {V("company")}", $"The review of {V("company")} for {V("program")} is due on {Due()}."),
            (NotificationKind.ReviewDueSoon, false) => new($"Revisión por vencer: {V("company")}", $"La revisión de {V("company")} para {V("program")} vence el {Due()}."),
            (NotificationKind.ReviewOverdue, true) => new($"Review overdue: {V("company")}", $"The review of {V("company")} for {V("program")} was due on {Due()} and is not decided."),
            (NotificationKind.ReviewOverdue, false) => new($"Revisión vencida: {V("company")}", $"La revisión de {V("company")} para {V("program")} venció el {Due()} y no tiene decisión."),
            (NotificationKind.FindingDueSoon, true) => new($"Corrective action due: {V("question")}", $"The corrective action on question {V("question")} is due on {Due()}."),
            (NotificationKind.FindingDueSoon, false) => new($"Acción correctiva por vencer: {V("question")}", $"La acción correctiva de la pregunta {V("question")} vence el {Due()}."),
            (NotificationKind.FindingOverdue, true) => new($"Corrective action overdue: {V("company")}", $"{V("company")} has not resolved the finding on question {V("question")}, due on {Due()}."),
            (NotificationKind.FindingOverdue, false) => new($"Acción correctiva vencida: {V("company")}", $"{V("company")} no ha resuelto el hallazgo de la pregunta {V("question")}, con vencimiento el {Due()}."),
            (NotificationKind.DistinctiveIssued, true) => new($"Distinctive issued: {V("program")}", $"Distinctive {V("number")}, level {V("level")}, has been issued. Download the certificate and the verifiable credential, and add the live badge to your website."),
            (NotificationKind.DistinctiveIssued, false) => new($"Distintivo emitido: {V("program")}", $"Se emitió el distintivo {V("number")}, nivel {V("level")}. Descarga el certificado y la credencial verificable, y agrega el sello en vivo a tu sitio web."),
            (NotificationKind.DistinctiveExpiring, true) => new($"Distinctive expiring: {V("number")}", $"Your {V("program")} distinctive {V("number")} is valid until {Due()} ({V("count")} days left). Start the renewal assessment in time."),
            (NotificationKind.DistinctiveExpiring, false) => new($"Distintivo por vencer: {V("number")}", $"Tu distintivo {V("program")} {V("number")} es vigente hasta el {Due()} (quedan {V("count")} días). Inicia a tiempo la evaluación de renovación."),
            (NotificationKind.DistinctiveSuspended, true) => new($"Distinctive suspended: {V("number")}", $"The distinctive {V("number")} of {V("company")} ({V("program")}) was suspended. Reason: {V("reason")} The public verification page shows it as suspended until it is reinstated."),
            (NotificationKind.DistinctiveSuspended, false) => new($"Distintivo suspendido: {V("number")}", $"El distintivo {V("number")} de {V("company")} ({V("program")}) fue suspendido. Motivo: {V("reason")} La página pública de verificación lo muestra como suspendido hasta que se reactive."),
            (NotificationKind.DistinctiveReinstated, true) => new($"Distinctive reinstated: {V("number")}", $"The suspension of the distinctive {V("number")} of {V("company")} ({V("program")}) was lifted. Note: {V("reason")}"),
            (NotificationKind.DistinctiveReinstated, false) => new($"Distintivo reactivado: {V("number")}", $"Se levantó la suspensión del distintivo {V("number")} de {V("company")} ({V("program")}). Nota: {V("reason")}"),
            (NotificationKind.DistinctiveRevoked, true) => new($"Distinctive revoked: {V("number")}", $"The distinctive {V("number")} of {V("company")} ({V("program")}) was revoked; this is final. Reason: {V("reason")}"),
            (NotificationKind.DistinctiveRevoked, false) => new($"Distintivo revocado: {V("number")}", $"El distintivo {V("number")} de {V("company")} ({V("program")}) fue revocado; es definitivo. Motivo: {V("reason")}"),
            (NotificationKind.ConcernDueSoon, true) => new($"Worker concern {V("number")}: {(V("deadline") == "acknowledge" ? "acknowledge it" : "give feedback")}", $"The concern {V("number")} about {V("company")} must be {(V("deadline") == "acknowledge" ? "acknowledged" : "answered with feedback to the reporter")} by {Due()}."),
            (NotificationKind.ConcernDueSoon, false) => new($"Inquietud {V("number")}: {(V("deadline") == "acknowledge" ? "acusa recibo" : "da una respuesta")}", $"La inquietud {V("number")} sobre {V("company")} debe {(V("deadline") == "acknowledge" ? "tener acuse de recibo" : "tener una respuesta para quien reportó")} a más tardar el {Due()}."),
            (NotificationKind.ConcernOverdue, true) => new($"Worker concern overdue: {V("number")}", $"The concern {V("number")} about {V("company")} was not {(V("deadline") == "acknowledge" ? "acknowledged" : "answered with feedback")} by {Due()}."),
            (NotificationKind.ConcernOverdue, false) => new($"Inquietud vencida: {V("number")}", $"La inquietud {V("number")} sobre {V("company")} no {(V("deadline") == "acknowledge" ? "tuvo acuse de recibo" : "tuvo respuesta")} a más tardar el {Due()}."),
            (NotificationKind.FollowUpRequested, true) => new($"Follow-up review: {V("number")}", $"The certifying body opened a follow-up review of your {V("program")} distinctive {V("number")} and asks for evidence on the questions it names. Change those answers or add evidence and resubmit by {Due()}."),
            (NotificationKind.FollowUpRequested, false) => new($"Revisión de seguimiento: {V("number")}", $"El organismo certificador abrió una revisión de seguimiento de tu distintivo {V("program")} {V("number")} y pide evidencia sobre las preguntas que nombra. Cambia esas respuestas o agrega evidencia y reenvía a más tardar el {Due()}."),
            (NotificationKind.FollowUpDueSoon, true) => new($"Follow-up review due: {V("number")}", $"Your answer to the follow-up review of distinctive {V("number")} is due on {Due()}: change the answers the certifying body asked about or add evidence, and resubmit."),
            (NotificationKind.FollowUpDueSoon, false) => new($"Vence la revisión de seguimiento: {V("number")}", $"Tu respuesta a la revisión de seguimiento del distintivo {V("number")} vence el {Due()}: cambia las respuestas que pidió el organismo certificador o agrega evidencia, y reenvía."),
            (NotificationKind.FollowUpOverdue, true) => new($"Follow-up review overdue: {V("company")}", $"{V("company")} did not answer the follow-up review of distinctive {V("number")} by {Due()}."),
            (NotificationKind.FollowUpOverdue, false) => new($"Revisión de seguimiento vencida: {V("company")}", $"{V("company")} no respondió la revisión de seguimiento del distintivo {V("number")} a más tardar el {Due()}."),
            (NotificationKind.FollowUpClosed, true) => new($"Follow-up review closed: {V("number")}", $"The certifying body closed the follow-up review of your {V("program")} distinctive {V("number")}. Open corrective actions: {V("count")}."),
            (NotificationKind.FollowUpClosed, false) => new($"Revisión de seguimiento cerrada: {V("number")}", $"El organismo certificador cerró la revisión de seguimiento de tu distintivo {V("program")} {V("number")}. Acciones correctivas abiertas: {V("count")}."),
            (NotificationKind.SupplierDistinctiveChanged, true) => new($"Supplier distinctive {SupplierEventTitle(V("event"), true)}: {V("company")}", $"The {V("program")} distinctive {V("number")} of {V("company")} (RFC {V("rfc")}), a supplier on your list, {SupplierEventSentence(V("event"), true)}. Its public status is now: {StatusWord(V("status"), true)}."),
            (NotificationKind.SupplierDistinctiveChanged, false) => new($"Distintivo de proveedor {SupplierEventTitle(V("event"), false)}: {V("company")}", $"El distintivo {V("program")} {V("number")} de {V("company")} (RFC {V("rfc")}), proveedor de tu lista, {SupplierEventSentence(V("event"), false)}. Su estatus público ahora es: {StatusWord(V("status"), false)}."),
            (NotificationKind.WebhookDisabled, true) => new("Webhook disabled", $"Certify stopped sending events to {V("url")} after {V("count")} failed attempts in a row. Check the endpoint, then enable it again under Integrations; pending events are sent then."),
            (NotificationKind.WebhookDisabled, false) => new("Webhook desactivado", $"Certify dejó de enviar eventos a {V("url")} tras {V("count")} intentos fallidos seguidos. Revisa el destino y vuelve a activarlo en Integraciones; los eventos pendientes se envían entonces."),
            _ => throw new ArgumentOutOfRangeException(nameof(kind), kind, "No text for this notification kind."),
        };
    }

    /// <summary>A supplier's distinctive event (<c>Issued</c>, <c>Suspended</c>…) as a title word.</summary>
    public static string SupplierEventTitle(string kind, bool english) => (kind, english) switch
    {
        ("Issued", true) => "issued",
        ("Renewed", true) => "renewed",
        ("Suspended", true) => "suspended",
        ("Reinstated", true) => "reinstated",
        ("Revoked", true) => "revoked",
        ("Expired", true) => "expired",
        ("Issued", false) => "emitido",
        ("Renewed", false) => "renovado",
        ("Suspended", false) => "suspendido",
        ("Reinstated", false) => "reactivado",
        ("Revoked", false) => "revocado",
        ("Expired", false) => "vencido",
        _ => english ? "changed" : "con cambios",
    };

    /// <summary>The same event as the verb of a sentence ("was suspended", "fue suspendido").</summary>
    public static string SupplierEventSentence(string kind, bool english) => kind == "Expired"
        ? english ? "expired" : "venció"
        : (english ? "was " : "fue ") + SupplierEventTitle(kind, english);

    /// <summary>A public status (<c>Active</c>, <c>Suspended</c>…) in words.</summary>
    public static string StatusWord(string status, bool english) => (status, english) switch
    {
        ("Active", true) => "active",
        ("Suspended", true) => "suspended",
        ("Revoked", true) => "revoked",
        ("Expired", true) => "expired",
        ("NotYetValid", true) => "not yet valid",
        ("Active", false) => "vigente",
        ("Suspended", false) => "suspendido",
        ("Revoked", false) => "revocado",
        ("Expired", false) => "vencido",
        ("NotYetValid", false) => "aún no vigente",
        _ => "—",
    };
}
