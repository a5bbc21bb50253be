/// Rows (companies) by columns (stage transitions), each cell a share 0...1 with the text printed in it, or no data.
public struct Heatmap: Sendable, Hashable {
    /// A cell with data: its share sets its shade, its label is printed in it ("42%", "42% n=12").
    public struct Cell: Sendable, Hashable {
        public var value: Double
        public var label: String

        public init(value: Double, label: String) {
            self.value = value
            self.label = label
        }
    }

    public var rows: [String]
    public var columns: [String]
    /// Row by row, one entry per column; nil, or an entry past a row's end, is a cell without data.
    public var cells: [[Cell?]]

    public init(rows: [String], columns: [String], cells: [[Cell?]]) {
        self.rows = rows
        self.columns = columns
        self.cells = cells
    }

    func cell(row: Int, column: Int) -> Cell? {
        guard cells.indices.contains(row), cells[row].indices.contains(column) else { return nil }
        return cells[row][column]
    }
}
