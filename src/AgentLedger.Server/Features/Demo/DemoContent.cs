using AgentLedger.Core.Records;

namespace AgentLedger.Server.Features.Demo;

/// <summary>
/// The text of interactive sessions: prompts (some in Korean), the agent's progress notes and final answers, tool
/// inputs and outputs. Short and varied enough for search and transcripts to show something, small enough to store
/// hundreds of thousands of them quickly.
/// </summary>
internal static class DemoContent
{
    private static readonly Func<DemoTopic, string>[] Prompts =
    [
        t => $"Fix the failing test in {t.File}; it started failing after yesterday's merge.",
        t => $"Add input validation to {t.Symbol} and cover the edge cases with tests.",
        t => $"Refactor {t.File} to remove the duplicated retry logic.",
        t => $"Why is {t.Symbol} slow under load? Profile it and suggest a fix.",
        t => $"Write unit tests for {t.Symbol}.",
        t => $"Explain how the {t.Module} module handles timeouts and retries.",
        t => $"Update the {t.Module} README with the new configuration options.",
        t => $"Migrate {t.File} off the deprecated HTTP client.",
        t => $"Add structured logging to {t.Symbol}, without logging request bodies.",
        t => $"Find where we leak connections in {t.Module}.",
        t => $"Review my uncommitted changes in {t.Module} before I open the PR.",
        t => $"Rename {t.Symbol} to something clearer and update every call site.",
        t => $"CI fails with a lint error in {t.File}; fix it.",
        t => $"Put the new {t.Module} behaviour behind a feature flag, default off.",
        t => $"{t.Symbol} throws on empty input. Make it return an empty result instead and add a test.",
        t => $"Summarise what changed in {t.Module} over the last five commits.",
    ];

    private static readonly Func<DemoTopic, string>[] KoreanPrompts =
    [
        t => $"{t.File}에서 실패하는 테스트를 고쳐 주세요.",
        t => $"{t.Symbol}에 입력 검증을 추가하고 테스트도 작성해 주세요.",
        t => $"{t.Module} 모듈의 재시도 로직을 설명해 주세요.",
        t => $"{t.File}을 리팩터링해서 중복 코드를 없애 주세요.",
        t => $"{t.Symbol}이 느린 이유를 찾아 주세요. 부하 테스트에서 p95가 두 배가 됐어요.",
        t => $"{t.Module} 변경 사항을 PR 올리기 전에 검토해 주세요.",
    ];

    private static readonly Func<DemoTopic, string>[] ProgressNotes =
    [
        t => $"Let me look at {t.File} first.",
        t => "Running the tests to reproduce the failure.",
        t => $"Checking how {t.Symbol} is called.",
        _ => "Applying the change.",
        t => $"Searching for other uses of {t.Symbol}.",
        _ => "The first attempt broke a test; adjusting.",
    ];

    private static readonly Func<DemoTopic, string>[] Answers =
    [
        t => $"Fixed the failing test in {t.File}: the fixture depended on the wall clock. `{t.TestCommand}` passes.",
        t => $"Added validation to {t.Symbol} with six new test cases covering empty, oversized and malformed input.",
        t => $"Refactored {t.File}: the retry logic now lives in one helper. No behaviour change; tests pass.",
        t => $"{t.Symbol} allocated a serializer on every call. I cached it; the benchmark's p95 dropped by about 40%.",
        t => $"Wrote 9 tests for {t.Symbol}; two of them exposed an off-by-one that I fixed as well.",
        t => $"{t.Module} retries idempotent calls three times with jittered exponential back-off; timeouts come from config.",
        t => $"Updated the {t.Module} README: documented the two new options and their defaults.",
        t => $"Migrated {t.File} to the new client. The old one is no longer referenced anywhere.",
        t => $"Added structured logging to {t.Symbol}; request bodies are not logged.",
        t => $"The leak was in {t.Module}: a response body was never disposed on the error path. Fixed and covered by a test.",
        t => $"Your changes in {t.Module} look good. One suggestion: handle the cancellation in {t.Symbol}.",
        t => $"Renamed {t.Symbol} and updated 14 call sites; the build is green.",
        t => $"Fixed the lint error in {t.File} (an unused import) and one more the linter found next to it.",
    ];

    public static string Prompt(Random rng, DemoTopic topic, bool korean) =>
        korean && rng.Chance(0.5) ? rng.Pick(KoreanPrompts)(topic) : rng.Pick(Prompts)(topic);

    public static string ProgressNote(Random rng, DemoTopic topic) => rng.Pick(ProgressNotes)(topic);

    public static string Answer(Random rng, DemoTopic topic) => rng.Pick(Answers)(topic);

    public static string ToolInput(Random rng, DemoToolKind kind, DemoTopic topic) =>
        kind switch
        {
            DemoToolKind.Shell => rng.Next(5) switch
            {
                0 or 1 => topic.TestCommand,
                2 => "git status --short",
                3 => $"rg -n \"{Last(topic.Symbol)}\" .",
                _ => "git diff --stat",
            },
            DemoToolKind.Read => topic.File,
            DemoToolKind.Edit => $"{{\"file_path\":\"{topic.File}\",\"old_string\":\"…\",\"new_string\":\"…\"}}",
            DemoToolKind.Write => $"{{\"file_path\":\"{TestFile(topic.File)}\"}}",
            DemoToolKind.Search => $"{{\"pattern\":\"{Last(topic.Symbol)}\"}}",
            _ => $"https://docs.acme-corp.example/{topic.Module.ToLowerInvariant()}",
        };

    /// <summary>The tool's output and whether the call succeeded (some test runs fail).</summary>
    public static (string Output, bool Succeeded) ToolOutput(Random rng, DemoToolKind kind, string input, DemoTopic topic)
    {
        if (kind == DemoToolKind.Shell && input == topic.TestCommand)
        {
            var failed = rng.Chance(0.15);
            var passed = rng.Next(6, 140);
            return failed
                ? ($"FAIL {topic.Symbol}: expected 3 items, got 2\n{passed} passed, 1 failed", false)
                : ($"{passed} passed, 0 failed ({rng.Between(0.4, 19.0):F1}s)", true);
        }

        var output = kind switch
        {
            DemoToolKind.Shell when input.StartsWith("git status", StringComparison.Ordinal) => $" M {topic.File}\n?? {TestFile(topic.File)}",
            DemoToolKind.Shell when input.StartsWith("rg", StringComparison.Ordinal) => $"{topic.File}:{rng.Next(10, 400)}: {Last(topic.Symbol)}(",
            DemoToolKind.Shell => $" {topic.File} | {rng.Next(2, 60)} ++++---\n 1 file changed",
            DemoToolKind.Read => $"{rng.Next(40, 600)} lines; {topic.Symbol} is defined at line {rng.Next(10, 300)}",
            DemoToolKind.Edit => $"Success. Updated the following files:\nM {topic.File}",
            DemoToolKind.Write => $"Wrote {rng.Next(20, 160)} lines to {TestFile(topic.File)}",
            DemoToolKind.Search => $"{topic.File}\n{TestFile(topic.File)}",
            _ => $"200 OK ({rng.Next(3, 90)} KB)",
        };
        return (output, true);
    }

    /// <summary>The rare provider errors that make a client retry.</summary>
    public static (string Status, string Error) ApiError(Random rng, Agent agent) =>
        rng.Next(3) switch
        {
            0 => ("429", "rate_limit_exceeded: too many requests, retrying in 4s"),
            1 => ("529", agent == Agent.ClaudeCode ? "overloaded_error: the API is temporarily overloaded" : "server_overloaded"),
            _ => ("500", "stream disconnected before completion"),
        };

    private static string Last(string symbol) => symbol[(symbol.LastIndexOf('.') + 1)..];

    private static string TestFile(string file)
    {
        var dot = file.LastIndexOf('.');
        return dot < 0 ? file + "_test" : file[..dot] + "_test" + file[dot..];
    }
}
