using System.Text;
using AgentLedger.Core.Dlp;
using BenchmarkDotNet.Attributes;

namespace AgentLedger.Benchmarks;

/// <summary>
/// The cost of scanning prompt text with every DLP rule, per operation one text of <see cref="Kilobytes"/> KB built
/// from the benchmark's realistic prompts with Korean prose, code and one planted secret per 4 KB mixed in.
/// Divide the mean by <see cref="Kilobytes"/> for the cost per KB.
/// </summary>
[MemoryDiagnoser]
[Config(typeof(IngestBenchmarkConfig))]
public class DlpScanBenchmarks
{
    private readonly DlpScanner _scanner = new(TimeSpan.FromSeconds(1));
    private string _text = "";

    [Params(4, 64)]
    public int Kilobytes { get; set; }

    [GlobalSetup]
    public void Setup()
    {
        var prompts = BenchmarkPayloads.Native(DateTimeOffset.UnixEpoch).Select(e => e.PromptText).OfType<string>().ToArray();
        string[] extras =
        [
            "배포 스크립트에서 인증 토큰을 환경 변수로 옮기고, 실패한 테스트의 로그를 확인해 주세요. 담당자는 김민수입니다.\n",
            "```csharp\nvar client = new HttpClient { BaseAddress = new Uri(\"https://api.example.com\") };\nvar retries = 3; // max_tokens = 4096\n```\n",
            "Traceback (most recent call last):\n  File \"app/main.py\", line 42, in handler\n    raise ValueError(f\"bad id {item_id}\")\n",
        ];
        var builder = new StringBuilder();
        var i = 0;
        while (builder.Length < Kilobytes * 1024)
        {
            builder.Append(prompts[i % prompts.Length]).Append('\n').Append(extras[i % extras.Length]);
            if (i % 8 == 7)
            {
                builder.Append("GITHUB_TOKEN=ghp_gJTeKdNnFRIBXuDL7DxtpYlSXpfKtHF4vUCs\n");
            }

            i++;
        }

        _text = builder.ToString(0, Kilobytes * 1024);
    }

    [Benchmark(Description = "DlpScanner, all rules")]
    public int Scan() => _scanner.Scan(_text, DlpField.PromptText, static _ => true).Count;
}
