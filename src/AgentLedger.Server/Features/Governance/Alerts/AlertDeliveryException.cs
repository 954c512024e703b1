namespace AgentLedger.Server.Features.Governance.Alerts;

/// <summary>A delivery failed; the message says why (it is stored as the delivery's last error, so it never holds a secret).</summary>
public sealed class AlertDeliveryException : Exception
{
    public AlertDeliveryException()
    {
    }

    public AlertDeliveryException(string message)
        : base(message)
    {
    }

    public AlertDeliveryException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
