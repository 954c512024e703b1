namespace AgentLedger.Server.Features.Governance.Alerts;

/// <summary>Sends a webhook request and turns every failure into an <see cref="AlertDeliveryException"/> naming the status or error.</summary>
internal static class HttpPost
{
    public static async Task SendAsync(IHttpClientFactory clients, HttpRequestMessage request, CancellationToken cancellationToken)
    {
        var client = clients.CreateClient(WebhookAlertSender.HttpClientName);
        try
        {
            using var response = await client.SendAsync(request, cancellationToken).ConfigureAwait(false);
            if (!response.IsSuccessStatusCode)
            {
                throw new AlertDeliveryException($"The receiver answered HTTP {(int)response.StatusCode}.");
            }
        }
        catch (HttpRequestException ex)
        {
            throw new AlertDeliveryException($"The request failed: {ex.HttpRequestError}.", ex);
        }
        catch (TaskCanceledException ex) when (!cancellationToken.IsCancellationRequested)
        {
            throw new AlertDeliveryException("The receiver did not answer in time.", ex);
        }
    }
}
