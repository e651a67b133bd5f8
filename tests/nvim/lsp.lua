-- Run by tests/nvim.rs: PAKAZ_BIN is the server, OUT the file the results go to (JSON).
-- Neovim 0.7's API: vim.lsp.start_client and vim.lsp.buf_attach_client.
local out = {}
local ok, err = pcall(function()
  local bin = os.getenv("PAKAZ_BIN")
  local client = vim.lsp.start_client({ cmd = { bin, "lsp" }, name = "pakaz", root_dir = vim.fn.getcwd() })
  local buf = vim.api.nvim_get_current_buf()
  vim.lsp.buf_attach_client(buf, client)
  local got = vim.wait(30000, function() return #vim.diagnostic.get(buf) > 0 end, 50)
  out.waited = got
  out.diagnostics = {}
  for _, d in ipairs(vim.diagnostic.get(buf)) do
    table.insert(out.diagnostics, { lnum = d.lnum, col = d.col, end_col = d.end_col, message = d.message, severity = d.severity, source = d.source, code = d.code })
  end
  local c = vim.lsp.get_client_by_id(client)
  local pos = { textDocument = { uri = vim.uri_from_bufnr(buf) }, position = { line = out.diagnostics[1].lnum, character = out.diagnostics[1].col + 1 } }
  local hover = c.request_sync("textDocument/hover", pos, 10000, buf)
  out.hover = hover and hover.result and hover.result.contents.value
  local params = { textDocument = pos.textDocument, range = { start = pos.position, ["end"] = pos.position }, context = { diagnostics = {} } }
  local actions = c.request_sync("textDocument/codeAction", params, 10000, buf)
  out.titles = {}
  for _, a in ipairs(actions.result) do table.insert(out.titles, a.title) end
  vim.lsp.util.apply_workspace_edit(actions.result[1].edit, c.offset_encoding)
  out.cleared = vim.wait(30000, function() return #vim.diagnostic.get(buf) == 0 end, 50)
  out.lines = vim.api.nvim_buf_get_lines(buf, 0, -1, false)
end)
out.ok = ok
out.err = err and tostring(err)
local f = io.open(os.getenv("OUT"), "w")
f:write(vim.fn.json_encode(out))
f:close()
vim.cmd("qa!")
