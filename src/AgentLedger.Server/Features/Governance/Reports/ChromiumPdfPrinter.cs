using System.Diagnostics;
using Microsoft.Extensions.Options;

namespace AgentLedger.Server.Features.Governance.Reports;

/// <summary>
/// Prints HTML to PDF with headless Chromium (<c>--print-to-pdf</c>). Chosen over a PDF library (PDFsharp) because the
/// report is then one HTML page, printed by the same engine that shows it in the browser: one layout, CSS print
/// rules, real text (searchable, copyable), no second drawing of every table in code. Each print runs in a fresh
/// temporary profile, and the process is killed when it overruns <see cref="GovernanceReportOptions.PdfTimeout"/>.
/// </summary>
public sealed partial class ChromiumPdfPrinter(IOptions<GovernanceOptions> options, ILogger<ChromiumPdfPrinter> logger)
{
    public bool IsAvailable => File.Exists(options.Value.Reports.ChromiumPath);

    /// <exception cref="ReportRenderException">Chromium is missing, failed or took too long.</exception>
    public async Task<byte[]> PrintAsync(string html, CancellationToken cancellationToken)
    {
        var settings = options.Value.Reports;
        if (!IsAvailable)
        {
            throw new ReportRenderException(
                $"No Chromium at '{settings.ChromiumPath}' ({GovernanceOptions.SectionName}:Reports:ChromiumPath); install Debian's chromium package to print PDFs.");
        }

        var folder = Directory.CreateTempSubdirectory("agentledger-report-").FullName;
        try
        {
            var page = Path.Combine(folder, "report.html");
            var pdf = Path.Combine(folder, "report.pdf");
            await File.WriteAllTextAsync(page, html, cancellationToken).ConfigureAwait(false);
            var start = new ProcessStartInfo(settings.ChromiumPath)
            {
                RedirectStandardError = true,
                RedirectStandardOutput = true,
                UseShellExecute = false,
            };
            foreach (var argument in new[]
                     {
                         "--headless", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage", "--no-first-run", "--no-default-browser-check",
                         "--disable-extensions", "--no-pdf-header-footer", "--run-all-compositor-stages-before-draw",
                         "--user-data-dir=" + Path.Combine(folder, "profile"), "--print-to-pdf=" + pdf, new Uri(page).AbsoluteUri,
                     })
            {
                start.ArgumentList.Add(argument);
            }

            using var process = Process.Start(start) ?? throw new ReportRenderException("Chromium did not start.");
            var stderr = process.StandardError.ReadToEndAsync(cancellationToken);
            _ = process.StandardOutput.ReadToEndAsync(cancellationToken);
            using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
            timeout.CancelAfter(settings.PdfTimeout);
            try
            {
                await process.WaitForExitAsync(timeout.Token).ConfigureAwait(false);
            }
            catch (OperationCanceledException)
            {
                process.Kill(entireProcessTree: true);
                if (cancellationToken.IsCancellationRequested)
                {
                    throw;
                }

                throw new ReportRenderException($"Chromium took longer than {settings.PdfTimeout} to print the report.");
            }

            if (!File.Exists(pdf) || new FileInfo(pdf).Length == 0)
            {
                var error = await stderr.ConfigureAwait(false);
                LogPrintFailed(logger, process.ExitCode, error.Length > 2000 ? error[..2000] : error);
                throw new ReportRenderException($"Chromium exited with {process.ExitCode} without writing a PDF.");
            }

            return await File.ReadAllBytesAsync(pdf, cancellationToken).ConfigureAwait(false);
        }
        finally
        {
            try
            {
                Directory.Delete(folder, recursive: true);
            }
            catch (IOException ex)
            {
                LogCleanupFailed(logger, folder, ex);
            }
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Chromium exited with {ExitCode} without a PDF: {Error}")]
    private static partial void LogPrintFailed(ILogger logger, int exitCode, string error);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Could not remove the report's temporary folder {Folder}")]
    private static partial void LogCleanupFailed(ILogger logger, string folder, Exception exception);
}
