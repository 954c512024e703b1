using System.Net.Sockets;
using AgentLedger.Core.Governance;
using AgentLedger.Server.Features.Governance.Reports;
using MailKit;
using MailKit.Net.Smtp;
using MailKit.Security;
using Microsoft.Extensions.Options;
using MimeKit;

namespace AgentLedger.Server.Features.Governance.Alerts;

/// <summary>
/// Sends a notification by e-mail through the configured SMTP server (<c>Governance:Smtp</c>) with MailKit: a plain
/// text body for alerts; for a leadership report, the report itself as the HTML body and its PDF attached.
/// </summary>
public sealed class EmailAlertSender(IOptions<GovernanceOptions> options, LeadershipReportService reports) : IAlertChannelSender
{
    public AlertChannelKind Kind => AlertChannelKind.Email;

    public async Task SendAsync(AlertChannel channel, GovernanceNotification notification, CancellationToken cancellationToken)
    {
        var smtp = options.Value.Smtp;
        if (string.IsNullOrWhiteSpace(smtp.Host))
        {
            throw new AlertDeliveryException($"{GovernanceOptions.SectionName}:Smtp:Host is not set, so e-mail cannot be sent.");
        }

        var message = new MimeMessage();
        message.From.Add(MailboxAddress.Parse(smtp.From));
        foreach (var recipient in channel.Recipients)
        {
            message.To.Add(MailboxAddress.Parse(recipient));
        }

        message.Subject = notification.Subject;
        message.Headers.Add("X-AgentLedger-Event", notification.Kind);
        message.Headers.Add("X-AgentLedger-Delivery", notification.NotificationId);
        var body = new BodyBuilder { TextBody = notification.Subject + "\n\n" + AlertText.Body(notification) + "\n" };
        if (notification.Kind == NotificationKinds.LeadershipReport)
        {
            try
            {
                var report = await reports.ForNotificationAsync(notification, cancellationToken).ConfigureAwait(false);
                body.HtmlBody = await reports.HtmlAsync(report, cancellationToken).ConfigureAwait(false);
                body.Attachments.Add($"leadership-report-{ReportFormat.Date(report.From)}.pdf",
                    await reports.PdfAsync(report, cancellationToken).ConfigureAwait(false), new ContentType("application", "pdf"));
            }
            catch (ReportRenderException ex)
            {
                throw new AlertDeliveryException("The report's PDF could not be printed: " + ex.Message, ex);
            }
        }

        message.Body = body.ToMessageBody();
        using var client = new SmtpClient();
        try
        {
            await client.ConnectAsync(smtp.Host, smtp.Port, Enum.Parse<SecureSocketOptions>(smtp.Security, ignoreCase: true), cancellationToken)
                .ConfigureAwait(false);
            if (!string.IsNullOrEmpty(smtp.UserName))
            {
                await client.AuthenticateAsync(smtp.UserName, smtp.Password ?? "", cancellationToken).ConfigureAwait(false);
            }

            await client.SendAsync(message, cancellationToken).ConfigureAwait(false);
            await client.DisconnectAsync(quit: true, cancellationToken).ConfigureAwait(false);
        }
        catch (Exception ex) when (ex is SmtpCommandException or SmtpProtocolException or ServiceNotConnectedException or SocketException
                                       or IOException or AuthenticationException or SslHandshakeException)
        {
            throw new AlertDeliveryException($"SMTP {smtp.Host}:{smtp.Port}: {ex.Message}", ex);
        }
    }
}
