/// The figures area: tables read from CSV files, and the `plot` verb for every object kind.
extension CommandArea {
    /// `load table`, `plot`.
    public static let figures = CommandArea(
        name: "figures", title: "tables from CSV files and plots as PNG files",
        commands: [LoadTableCommand.load, PlotCommand.plot])
}
