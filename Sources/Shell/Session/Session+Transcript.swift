extension Session {
    /// Adds the statement just run, with the output it printed, to the transcript. A transcript
    /// that cannot be written is reported once as a warning and then left alone.
    func recordInTranscript(text: String, status: TranscriptStatus) {
        let printed = output.takeCaptured()
        let figures = pendingFigures
        pendingFigures = []
        guard let transcript else { return }
        do {
            try transcript.record(statement: text, status: status, output: printed, figures: figures)
        } catch {
            self.transcript = nil
            output.warning("\(error); the transcript is no longer written")
            _ = output.takeCaptured()
        }
    }
}
