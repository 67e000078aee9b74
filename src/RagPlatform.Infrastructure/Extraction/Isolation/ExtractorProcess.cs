using System.Diagnostics;
using Microsoft.Extensions.Logging;
using RagPlatform.Core.Ingestion;

namespace RagPlatform.Infrastructure.Extraction.Isolation;

/// <summary>One extractor child process: started with its limits, asked one question at a time in
/// frames over its standard input and output, and given documents one after another while it stays
/// healthy. Whatever the process does (crash, run out of memory, hang), this side only sees a stream
/// that ends or a deadline that passes, and turns that into an <see cref="ExtractorFailedException"/>
/// that says what happened and where; such a process is never given another document.</summary>
internal sealed partial class ExtractorProcess : IDisposable
{
    // A process whose output ended is dead or dying; it gets this long to say how before it is killed.
    private static readonly TimeSpan ExitGrace = TimeSpan.FromSeconds(10);

    private readonly Process process;
    private readonly ExtractionOptions settings;
    private readonly ExtractorStandardError standardError = new();
    private readonly ILogger logger;
    private readonly SemaphoreSlim gate = new(1, 1);
    private bool broken;
    private bool closing;

    private ExtractorProcess(Process process, ExtractionOptions settings, ILogger logger)
    {
        this.process = process;
        this.settings = settings;
        this.logger = logger;
    }

    public int ProcessId { get; private set; }

    /// <summary>Documents this process was asked to open, counting the current one.</summary>
    public int DocumentsOpened { get; private set; }

    /// <summary>False once the process failed, died, was killed or answered a failure.</summary>
    public bool IsHealthy => !broken && !process.HasExited;

    /// <exception cref="InvalidOperationException">The extractor cannot be found or started.</exception>
    public static ExtractorProcess Start(ExtractionOptions settings, ILogger logger)
    {
        var process = new Process { StartInfo = ExtractorLaunch.StartInfo(settings) };
        var extractor = new ExtractorProcess(process, settings, logger);
        process.ErrorDataReceived += (_, line) => extractor.OnStandardError(line.Data);
        if (!process.Start())
        {
            throw new InvalidOperationException($"The extractor process could not be started ({process.StartInfo.FileName}).");
        }

        extractor.ProcessId = process.Id;
        process.BeginErrorReadLine();
        LogStarted(logger, process.Id);
        return extractor;
    }

    /// <summary>Sends one request and waits for its answer, at most <see cref="ExtractionOptions.ProcessTimeout"/>.</summary>
    /// <param name="during">Where the work was, for messages: "while opening the file".</param>
    /// <exception cref="DocumentRejectedException">The extractor found the file (or page) bad.</exception>
    /// <exception cref="ExtractorFailedException">The process failed, died or was killed.</exception>
    /// <exception cref="OperationCanceledException"><paramref name="cancellationToken"/> was cancelled
    /// (the process is killed first).</exception>
    public async Task<ExtractorResponse> AskAsync(ExtractorRequest request, string during, CancellationToken cancellationToken)
    {
        await gate.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            DocumentsOpened += request is ExtractorRequest.Open ? 1 : 0;
            var response = await ExchangeAsync(request, during, cancellationToken).ConfigureAwait(false);
            switch (response)
            {
                case ExtractorResponse.Rejected rejected:
                    throw new DocumentRejectedException(rejected.Reason);
                case ExtractorResponse.Failed failed:
                    broken = true;
                    throw new ExtractorFailedException($"the extractor failed {during}: {failed.Reason}");
                default:
                    return response;
            }
        }
        finally
        {
            gate.Release();
        }
    }

    /// <summary>Closes the current document without waiting for the answer, which
    /// <see cref="TryReuseAsync"/> reads when the process is given its next document.</summary>
    public void BeginClose()
    {
        try
        {
            ExtractorFrames.Write(process.StandardInput.BaseStream, ExtractorCodec.Encode(new ExtractorRequest.Close()));
            closing = true;
        }
        catch (Exception ex) when (ex is IOException or ObjectDisposedException)
        {
            broken = true;
        }
    }

    /// <summary>For a process that closed its last document: true when it closed it cleanly and may
    /// take another (nothing of the last one still runs in it).</summary>
    public async Task<bool> TryReuseAsync(CancellationToken cancellationToken)
    {
        if (!closing || !IsHealthy)
        {
            return false;
        }

        try
        {
            closing = false;
            var answer = await ExchangeAsync(null, "while closing a document", cancellationToken).ConfigureAwait(false);
            return answer is ExtractorResponse.Closed { Reusable: true };
        }
        catch (ExtractorFailedException)
        {
            return false;
        }
    }

    /// <param name="request">Null to read the answer to a request sent before.</param>
    private async Task<ExtractorResponse> ExchangeAsync(ExtractorRequest? request, string during, CancellationToken cancellationToken)
    {
        using var deadline = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        deadline.CancelAfter(settings.ProcessTimeout);

        // Killing the process ends both pipes, so a read that ignores its token still returns.
        await using var killOnDeadline = deadline.Token.Register(Kill).ConfigureAwait(false);
        try
        {
            if (request is not null)
            {
                await ExtractorFrames.WriteAsync(process.StandardInput.BaseStream, ExtractorCodec.Encode(request), deadline.Token).ConfigureAwait(false);
            }

            var payload = await ExtractorFrames.ReadAsync(process.StandardOutput.BaseStream, deadline.Token).ConfigureAwait(false)
                ?? throw new EndOfStreamException("The extractor's output ended.");
            return ExtractorCodec.DecodeResponse(payload);
        }
        catch (Exception) when (deadline.IsCancellationRequested)
        {
            broken = true;
            cancellationToken.ThrowIfCancellationRequested();
            var seconds = settings.ProcessTimeout.TotalSeconds;
            LogKilled(logger, ProcessId, seconds, during);
            throw new ExtractorFailedException($"the extractor process was killed after {seconds:0.#} s without an answer (Extraction:ProcessTimeout) {during}");
        }
        catch (Exception ex) when (ex is IOException or InvalidDataException or ObjectDisposedException)
        {
            broken = true;
            var how = await DescribeEndAsync().ConfigureAwait(false);
            LogDied(logger, ProcessId, how, during);
            throw new ExtractorFailedException($"{how} {during}", ex);
        }
    }

    /// <summary>Waits for the exit code of a process whose output ended, then says how it ended.</summary>
    private async Task<string> DescribeEndAsync()
    {
        using var grace = new CancellationTokenSource(ExitGrace);
        try
        {
            await process.WaitForExitAsync(grace.Token).ConfigureAwait(false);
        }
        catch (OperationCanceledException)
        {
            // Its output ended or made no sense, yet it lives on: not a process to talk to any more.
            Kill();
            await process.WaitForExitAsync(CancellationToken.None).ConfigureAwait(false);
            return "the extractor process stopped answering and was killed";
        }

        return ExtractorExit.Describe(process.ExitCode, standardError, settings.MaxMemoryMegabytes);
    }

    private void OnStandardError(string? line)
    {
        if (line is null)
        {
            return;
        }

        standardError.Add(line);

        // The process logs as the console logger does ("warn: Category[0] message").
        var level = line.StartsWith("warn:", StringComparison.Ordinal) ? LogLevel.Warning
            : line.StartsWith("fail:", StringComparison.Ordinal) || line.StartsWith("crit:", StringComparison.Ordinal) ? LogLevel.Error
            : LogLevel.Debug;
        LogOutput(logger, level, ProcessId, line);
    }

    private void Kill()
    {
        try
        {
            process.Kill(entireProcessTree: true);
        }
        catch (InvalidOperationException)
        {
            // Already gone.
        }
    }

    public void Dispose()
    {
        // The extractor holds nothing worth a clean shutdown.
        broken = true;
        Kill();
        process.Dispose();
        gate.Dispose();
    }

    [LoggerMessage(Level = LogLevel.Debug, Message = "Started extractor process {ProcessId}")]
    private static partial void LogStarted(ILogger logger, int processId);

    [LoggerMessage(Message = "Extractor {ProcessId}: {Line}")]
    private static partial void LogOutput(ILogger logger, LogLevel level, int processId, string line);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Extractor process {ProcessId} killed after {Seconds} s without an answer {During}")]
    private static partial void LogKilled(ILogger logger, int processId, double seconds, string during);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Extractor process {ProcessId} ended: {How} {During}")]
    private static partial void LogDied(ILogger logger, int processId, string how, string during);
}
