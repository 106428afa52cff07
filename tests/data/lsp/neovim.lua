-- Run by tests/lsp_neovim.rs as `nvim --headless --clean FILE.claims -c 'luafile neovim.lua'`
-- (after the buffer is loaded, so the client sends didOpen). Writes what Neovim's own LSP
-- client received to $CLAIMCHECK_OUT: one `diagnostic CODE LINE:COL MESSAGE` line per
-- diagnostic (0-based line, byte column), then `hover TEXT` lines.
local out = os.getenv('CLAIMCHECK_OUT')
local lines = {}

local function finish()
  vim.fn.writefile(lines, out)
  vim.cmd('qa!')
end

local bufnr = vim.api.nvim_get_current_buf()
local client_id = vim.lsp.start_client({
  name = 'claimcheck',
  cmd = { os.getenv('CLAIMCHECK_BIN'), 'lsp' },
  root_dir = vim.fn.getcwd(),
})
if not client_id then
  table.insert(lines, 'error: the client did not start')
  finish()
  return
end
vim.lsp.buf_attach_client(bufnr, client_id)

local arrived = vim.wait(20000, function()
  return #vim.diagnostic.get(bufnr) > 0
end, 20)
if not arrived then
  table.insert(lines, 'error: no diagnostics arrived')
end
for _, d in ipairs(vim.diagnostic.get(bufnr)) do
  local message = d.message:gsub('\n', ' | ')
  table.insert(lines, string.format('diagnostic %s %d:%d %s', tostring(d.code), d.lnum, d.col, message))
end

local client = vim.lsp.get_client_by_id(client_id)
local position = {
  line = tonumber(os.getenv('CLAIMCHECK_HOVER_LINE')),
  character = tonumber(os.getenv('CLAIMCHECK_HOVER_CHARACTER')),
}
local params = { textDocument = { uri = vim.uri_from_bufnr(bufnr) }, position = position }
local response = client.request_sync('textDocument/hover', params, 20000, bufnr)
if response and response.result then
  local contents = response.result.contents
  local text = type(contents) == 'table' and (contents.value or vim.inspect(contents)) or tostring(contents)
  for line in text:gmatch('[^\n]+') do
    table.insert(lines, 'hover ' .. line)
  end
else
  table.insert(lines, 'error: hover failed: ' .. vim.inspect(response))
end

client.stop()
finish()
